/// The shipped themes, embedded so the installed binary works from any folder.
/// Keep in step with `Themes/*.theme` (a test compares them).
enum BuiltInThemes {
    static let defaultEntries: [StyleRole: ThemeEntry] = {
        var e: [StyleRole: ThemeEntry] = [:]
        e[.header] = ThemeEntry(foreground: .white, background: .blue, bold: true)
        e[.headerAlert] = ThemeEntry(foreground: .white, background: .red, bold: true)
        e[.border] = ThemeEntry(foreground: .brightBlack)
        e[.title] = ThemeEntry(foreground: .cyan, bold: true)
        e[.selected] = ThemeEntry(reverse: true)
        e[.muted] = ThemeEntry(foreground: .brightBlack)
        e[.flag] = ThemeEntry(foreground: .red, bold: true)
        e[.redaction] = ThemeEntry(foreground: .magenta)
        e[.struck] = ThemeEntry(foreground: .brightBlack)
        e[.finding] = ThemeEntry(foreground: .yellow, underline: true)
        e[.alert] = ThemeEntry(foreground: .white, background: .red, bold: true)
        e[.source] = ThemeEntry(foreground: .cyan)
        e[.speaker] = ThemeEntry(foreground: .green, bold: true)
        e[.code] = ThemeEntry(foreground: .blue)
        e[.good] = ThemeEntry(foreground: .green)
        e[.warning] = ThemeEntry(foreground: .yellow, bold: true)
        e[.input] = ThemeEntry(bold: true)
        return e
    }()

    static let text: [String: String] = [
        "high-contrast": """
        # High contrast: bright colours on black, bold markers.
        header = bright-white black bold reverse
        headerAlert = bright-white red bold
        border = bright-white
        title = bright-yellow bold
        selected = black bright-white
        muted = white
        flag = bright-red bold underline
        redaction = bright-magenta bold
        struck = white
        finding = bright-yellow bold underline
        alert = bright-white red bold
        source = bright-cyan
        speaker = bright-green bold
        code = bright-cyan
        good = bright-green
        warning = bright-yellow bold
        input = bright-white bold
        """,
        "monochrome": """
        # Monochrome: no colour at all; states shown by attributes and markers.
        colour = none
        header = default default reverse bold
        headerAlert = default default reverse bold underline
        selected = default default reverse
        flag = default default bold underline
        redaction = default default underline
        finding = default default underline
        alert = default default reverse bold
        speaker = default default bold
        warning = default default bold
        title = default default bold
        input = default default bold
        """,
        "colour-blind": """
        # Colour-blind safe: blue/orange contrasts (no red–green pairs).
        header = bright-white blue bold
        headerAlert = black yellow bold
        border = bright-black
        title = bright-blue bold
        selected = default default reverse
        muted = bright-black
        flag = yellow bold underline
        redaction = bright-blue underline
        struck = bright-black
        finding = yellow underline
        alert = black yellow bold
        source = bright-blue
        speaker = bright-white bold
        code = cyan
        good = bright-blue
        warning = yellow bold
        input = bold
        """,
    ]
}
