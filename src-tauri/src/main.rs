//! The Hotline Desk desktop app; everything happens in [`hotline_desk_lib::run`].

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    hotline_desk_lib::run();
}
