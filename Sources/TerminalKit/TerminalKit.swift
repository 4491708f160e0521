/// TerminalKit owns the screen. Views draw into an in-memory `CellGrid` of
/// `Cell`s (display widths for CJK, emoji and combining marks computed in pure
/// Swift; every control, escape, bidi override or invisible character in
/// content made inert before it reaches a cell). `GridDiff` compares a frame
/// with the last one, and `Terminal` (ncurses) writes only the changed runs.
/// Keys are decoded once into a `Key`; `KeyDecoder` does the same from raw
/// bytes, headlessly. `ColourTheme` maps semantic `StyleRole`s to colours and
/// attributes, from `Themes/*.theme` files or the copies built into the binary.
/// Maintainer notes: docs/terminal-kit.md.
public enum TerminalKitInfo {}
