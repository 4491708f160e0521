import Foundation

extension BuiltInThemes {
    /// The default theme, parsed from its embedded text over a plain base.
    static let defaultTheme: ColourTheme = ColourTheme.parse(
        text["default"] ?? "", name: "default",
        base: ColourTheme(name: "default", entries: [:], usesColour: true)
    ).0

    static let themes: [String: ColourTheme] = {
        var all: [String: ColourTheme] = ["default": defaultTheme]
        for name in names where name != "default" { all[name] = ColourTheme.parse(text[name] ?? "", name: name).0 }
        return all
    }()
}

extension ColourTheme {
    /// Picks the theme for a console and says what went wrong on the way
    /// (each warning is one line for stderr; the console still starts).
    ///
    /// Order: `requested` (`--theme NAME` or a path), else `theme = NAME` in
    /// `$XDG_CONFIG_HOME/convene/config` (`~/.config/convene/config`), else
    /// monochrome when `NO_COLOR` is set and not empty, else default. A name is
    /// looked for as `$XDG_CONFIG_HOME/convene/themes/NAME.theme`, then among
    /// the built-in themes, then as `Themes/NAME.theme` in the current folder.
    /// As no-color.org asks, an explicit choice (flag or config file) wins over `NO_COLOR`.
    public static func resolve(
        requested: String?, environment: [String: String],
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> (ColourTheme, [String]) {
        let configDir = Self.configDirectory(environment)
        var warnings: [String] = []
        var name = requested.flatMap { $0.isEmpty ? nil : $0 }
        if name == nil, let configDir {
            let path = configDir + "/config"
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                let (chosen, problems) = Self.readConfig(text)
                name = chosen
                warnings += problems.map { "\(path) \($0)" }
            }
        }
        guard let name else {
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return (builtIn("monochrome"), warnings) }
            return (builtIn("default"), warnings)
        }
        let (theme, more) = load(
            name, configDirectory: configDir, currentDirectory: currentDirectory, home: environment["HOME"])
        return (theme, warnings + more)
    }

    /// Loads one theme by name or path; problems become warnings, never failures.
    static func load(_ name: String, configDirectory: String?, currentDirectory: String, home: String?) -> (
        ColourTheme, [String]
    ) {
        func fromFile(_ path: String, name: String) -> (ColourTheme, [String])? {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            let (theme, problems) = parse(text, name: name)
            return (theme, problems.map { "theme \(path) \($0); that entry keeps the default look" })
        }
        if name.contains("/") || name.hasSuffix(".theme") {
            var path = name
            if path.hasPrefix("~/"), let home { path = home + path.dropFirst() }
            let label = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            return fromFile(path, name: label) ?? (
                builtIn("default"), ["cannot read the theme file \(path); using the default theme"]
            )
        }
        if let configDirectory, let found = fromFile(configDirectory + "/themes/\(name).theme", name: name) {
            return found
        }
        if let theme = BuiltInThemes.themes[name] { return (theme, []) }
        if let found = fromFile(currentDirectory + "/Themes/\(name).theme", name: name) { return found }
        return (
            builtIn("default"),
            ["no theme called '\(name)' (built in: \(builtInNames.joined(separator: ", "))); using the default theme"]
        )
    }

    /// `$XDG_CONFIG_HOME/convene`, or `$HOME/.config/convene` (the XDG spec
    /// ignores a relative XDG_CONFIG_HOME).
    static func configDirectory(_ environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/convene" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/convene" }
        return nil
    }

    /// The config file: `theme = NAME` lines (the last wins), `#` comments.
    static func readConfig(_ text: String) -> (String?, [String]) {
        var theme: String?
        var problems: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces() }
            if parts.count == 2 && parts[0] == "theme" && !parts[1].isEmpty {
                theme = parts[1]
            } else {
                problems.append("line \(index + 1): expected `theme = NAME`; line ignored")
            }
        }
        return (theme, problems)
    }
}
