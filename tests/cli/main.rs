//! Integration tests: the real `liaison` binary on temporary databases, in
//! a hermetic environment (cleared env, pinned time, no colour, no terminal).

mod common;

mod csv;

mod db_file;
mod demo;
mod encryption;
mod events_docs;
mod faults;
mod log;
mod lookup;
mod mandates;
mod numbers;
mod org;
mod outputs;
mod person;
mod purge;
mod readme;
mod report;
mod roundtrip;
mod safety;
mod search;
mod tables;
mod terminal;
mod tools;
mod undo;
mod upgrade;
