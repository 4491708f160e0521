// Generated from Themes/*.theme: do not edit by hand. After changing a theme
// file, run `THEMES_RECORD=1 swift test --filter ThemeTests` to regenerate
// (a test fails while the two differ).

/// The shipped themes, embedded so the installed binary works from any folder.
enum BuiltInThemes {
    static let names = ["default", "high-contrast", "monochrome", "colour-blind"]

    static let text: [String: String] = [
        "default": #"""
        # Convene theme: default. White on blue header, red flags, yellow findings.
        # Format: role = foreground [background] [bold] [underline] [reverse] [dim]
        # Colours: default, black, red, green, yellow, blue, magenta, cyan, white,
        # bright-<name>, a number 0-255, or #RRGGBB. See docs/terminal-kit.md.
        header = white blue bold
        headerAlert = white red bold
        border = bright-black
        title = cyan bold
        selected = default default reverse
        muted = bright-black
        flag = red default bold
        redaction = magenta
        struck = bright-black
        finding = yellow default underline
        alert = white red bold
        source = cyan
        speaker = green bold
        code = blue
        good = green
        warning = yellow bold
        # The typed text in the terminal's own colours: a keystroke is then one byte on the wire.
        input = default default
        """#,
        "high-contrast": #"""
        # Convene theme: high contrast. Bright colours, bold and underlined markers.
        header = bright-white black bold reverse
        headerAlert = bright-white red bold
        border = bright-white
        title = bright-yellow bold
        selected = black bright-white
        muted = white
        flag = bright-red default bold underline
        redaction = bright-magenta bold
        struck = white
        finding = bright-yellow default bold underline
        alert = bright-white red bold
        source = bright-cyan
        speaker = bright-green bold
        code = bright-cyan
        good = bright-green
        warning = bright-yellow bold
        # The typed text in the terminal's own colours: a keystroke is then one byte on the wire.
        input = default default
        """#,
        "monochrome": #"""
        # Convene theme: monochrome. No colour at all: every state is shown by an
        # attribute here and by a marker in the console (⚑ flag, [..] redaction, ~ struck).
        colour = none
        header = default default reverse bold
        headerAlert = default default reverse bold underline
        border = default
        title = default default bold
        selected = default default reverse
        muted = default default dim
        flag = default default bold underline
        redaction = default default underline
        struck = default default dim
        finding = default default underline
        alert = default default reverse bold
        source = default
        speaker = default default bold
        code = default
        good = default
        warning = default default bold
        # The typed text plain: a keystroke is then one byte on the wire (the prompt › marks the line).
        input = default default
        """#,
        "colour-blind": #"""
        # Convene theme: colour-blind safe. The Okabe-Ito palette (orange, sky blue,
        # bluish green, yellow, blue, vermillion, reddish purple): no red/green pairs.
        # Exact colours need a 256-colour terminal; others get the nearest they have.
        header = bright-white #0072B2 bold
        headerAlert = black #E69F00 bold
        border = 244
        title = #56B4E9 bold
        selected = default default reverse
        muted = 244
        flag = #E69F00 default bold underline
        redaction = #CC79A7 default underline
        struck = 244 default dim
        finding = #F0E442 default underline
        alert = black #E69F00 bold
        source = #56B4E9
        speaker = bright-white bold
        code = #009E73
        good = #009E73
        warning = #F0E442 bold
        # The typed text in the terminal's own colours: a keystroke is then one byte on the wire.
        input = default default
        """#,
    ]
}
