//! The `liaison` binary: parse, run, map the outcome to an exit code.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    liaison::files::install_signal_cleanup();
    liaison::files::forbid_dumps();
    liaison::install_panic_hook();
    let code = match liaison::cli::parse() {
        Ok(cli) => match liaison::run(cli) {
            Ok(()) => 0,
            Err(e) => liaison::report(&e),
        },
        Err(code) => code,
    };
    let _ = std::io::stderr().flush();
    ExitCode::from(u8::try_from(code).unwrap_or(255))
}
