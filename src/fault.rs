//! Named points in the commands that rewrite files, where the fault
//! injection tests stop the process exactly as a SIGKILL or a power cut
//! would: `LIAISON_TEST_KILL_AT=NAME` kills the process when it reaches
//! the point NAME. Unset, a point costs one environment lookup.

/// Kills the process here, at once and without cleanup, when
/// `LIAISON_TEST_KILL_AT` names this point.
pub fn point(name: &str) {
    if std::env::var_os("LIAISON_TEST_KILL_AT").is_some_and(|at| at == name) {
        // SAFETY: raising a signal at ourselves; SIGKILL cannot be caught.
        unsafe {
            libc::raise(libc::SIGKILL);
        }
    }
}
