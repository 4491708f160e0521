/// TerminalKit owns the screen: views draw into an in-memory `CellGrid`
/// (display widths for CJK, emoji and combining marks; content made inert),
/// the grid is diffed against the last frame, and only the changes reach
/// ncurses (`NcursesScreen`). Keys are decoded once into a `Key`.
public enum TerminalKitInfo {}
