//! Named points in the commands that rewrite files, where the fault
//! injection tests stop the process exactly as a SIGKILL or a power cut
//! would (`LIAISON_TEST_KILL_AT=NAME`), or pause it there
//! (`LIAISON_TEST_STOP_AT=NAME`, a SIGSTOP) so that a test can interrupt
//! it at a known step. Unset, a point costs two environment lookups.

/// Kills or stops the process here when the test variables name this
/// point.
pub fn point(name: &str) {
    let named = |var: &str| std::env::var_os(var).is_some_and(|at| at == name);
    if named("LIAISON_TEST_KILL_AT") {
        // SAFETY: raising a signal at ourselves; SIGKILL cannot be caught.
        unsafe {
            libc::raise(libc::SIGKILL);
        }
    }
    if named("LIAISON_TEST_STOP_AT") {
        // SAFETY: as above; the process goes on when sent SIGCONT.
        unsafe {
            libc::raise(libc::SIGSTOP);
        }
        // A signal sent while stopped is handled by its own thread: give
        // it the time to act before this one goes on.
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
}
