// TerminalKit placeholder
