import ConveneTestSupport
import Foundation
import XCTest

@testable import TerminalKit

final class ThemeTests: XCTestCase {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    func testBadEntriesAreReportedWithTheirLineAndKeepTheDefault() {
        let text = """
            # a theme
            flag = red bold  # trailing comment
            bogus = red
            header = purple
            alert
            finding = red green blue
            colour = maybe

            flag = #E69F00 default underline
            muted =
            """
        let (theme, problems) = ColourTheme.parse(text, name: "t")
        XCTAssertEqual(problems.map(\.line), [3, 4, 5, 6, 7, 9, 10])
        XCTAssertEqual(
            problems.map(\.kind),
            [
                .unknownRole("bogus"), .unknownWord("purple"), .notAnEntry, .tooManyColours,
                .badColourSwitch("maybe"), .repeatedRole("flag"), .notAnEntry,
            ])
        XCTAssertTrue(
            problems[1].description.hasPrefix("line 4: unknown colour or attribute 'purple'"), problems[1].description)
        XCTAssertEqual(
            theme.entry(.flag), ThemeEntry(foreground: .rgb(0xE6, 0x9F, 0x00), underline: true), "the later line wins")
        let fallback = ColourTheme.builtIn("default")
        XCTAssertEqual(theme.entry(.header), fallback.entry(.header), "a bad line keeps the default look")
        XCTAssertEqual(theme.entry(.finding), fallback.entry(.finding))
        XCTAssertEqual(theme.entry(.muted), fallback.entry(.muted))
        XCTAssertTrue(theme.usesColour)
    }

    func testColourWords() {
        XCTAssertEqual(ThemeColour(word: "bright-blue"), .brightBlue)
        XCTAssertEqual(ThemeColour(word: "Red"), .red)
        XCTAssertEqual(ThemeColour(word: "208"), .indexed(208))
        XCTAssertEqual(ThemeColour(word: "#0072b2"), .rgb(0, 0x72, 0xB2))
        XCTAssertNil(ThemeColour(word: "256"))
        XCTAssertNil(ThemeColour(word: "#12345"))
        XCTAssertEqual(ThemeColour.rgb(0xE6, 0x9F, 0).description, "#E69F00")
        XCTAssertEqual(ThemeColour.brightBlack.description, "bright-black")
    }

    func testColoursDegradeToWhatTheTerminalHas() {
        XCTAssertEqual(ThemeColour.default.cursesNumber(colours: 256), -1)
        XCTAssertEqual(ThemeColour.brightRed.cursesNumber(colours: 16), 9)
        XCTAssertEqual(ThemeColour.brightRed.cursesNumber(colours: 8), 1)
        XCTAssertTrue(ThemeColour.brightRed.needsBoldForBrightness(colours: 8))
        XCTAssertEqual(ThemeColour.indexed(208).cursesNumber(colours: 256), 208)
        XCTAssertEqual(
            ThemeColour.rgb(0xE6, 0x9F, 0x00).cursesNumber(colours: 256), 178, "Okabe-Ito orange in the 256 palette")
        XCTAssertEqual(ThemeColour.rgb(0xE6, 0x9F, 0x00).cursesNumber(colours: 8), 3, "orange on 8 colours: yellow")
        XCTAssertEqual(ThemeColour.rgb(255, 255, 255).cursesNumber(colours: 256), 231)
        XCTAssertEqual(ThemeColour.indexed(244).cursesNumber(colours: 8), 7)
    }

    func testEveryShippedThemeParsesAndMatchesTheEmbeddedCopy() throws {
        var generated = BuiltInThemeSource()
        for name in ColourTheme.builtInNames {
            let text = try String(contentsOf: Self.themesDir.appendingPathComponent("\(name).theme"), encoding: .utf8)
            let (parsed, problems) = ColourTheme.parse(text, name: name)
            XCTAssertEqual(problems, [], name)
            generated.add(name, text)
            let embedded = ColourTheme.builtIn(name)
            XCTAssertEqual(embedded.name, name)
            for role in StyleRole.allCases {
                XCTAssertEqual(parsed.entry(role), embedded.entry(role), "\(name) \(role)")
            }
            XCTAssertEqual(parsed.usesColour, embedded.usesColour, name)
        }
        let swiftFile = Self.themesDir.deletingLastPathComponent().appendingPathComponent(
            "Sources/TerminalKit/BuiltInThemeText.swift")
        let current = try String(contentsOf: swiftFile, encoding: .utf8)
        if current != generated.source {
            if ProcessInfo.processInfo.environment["THEMES_RECORD"] == "1" {
                try generated.source.write(to: swiftFile, atomically: true, encoding: .utf8)
                TestRun.recorded("Sources/TerminalKit/BuiltInThemeText.swift", by: "THEMES_RECORD")
            } else {
                XCTFail(
                    "Themes/*.theme and BuiltInThemeText.swift differ: run THEMES_RECORD=1 swift test --filter ThemeTests"
                )
            }
        }
        XCTAssertFalse(
            ColourTheme.builtIn("colour-blind").entries.values.contains { e in
                [e.foreground, e.background].contains { [.red, .green, .brightRed, .brightGreen].contains($0) }
            }, "the colour-blind theme uses no red or green")
    }

    /// Without colour, every state the console shows still differs from plain text. The typed
    /// text is the exception: it is plain in every theme (its row and the prompt › mark it), so a
    /// keystroke is one byte on the wire (KeystrokeWireTests).
    func testMonochromeGivesEveryStateAnAttribute() {
        let mono = ColourTheme.builtIn("monochrome")
        XCTAssertFalse(mono.usesColour)
        let plain = mono.entry(.normal)
        for role: StyleRole in [
            .header, .selected, .flag, .redaction, .struck, .finding, .alert, .muted, .title, .warning,
        ] {
            XCTAssertNotEqual(mono.entry(role), plain, "\(role) looks like plain text without colour")
        }
        XCTAssertNotEqual(mono.entry(.flag), mono.entry(.redaction))
        XCTAssertNotEqual(mono.entry(.redaction), mono.entry(.struck))
        for name in ColourTheme.builtInNames {
            XCTAssertEqual(ColourTheme.builtIn(name).entry(.input), plain, "\(name): typed text is plain")
        }
    }

    func testResolveOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("xdg/convene")
        try FileManager.default.createDirectory(
            at: config.appendingPathComponent("themes"), withIntermediateDirectories: true)
        let env = ["XDG_CONFIG_HOME": dir.appendingPathComponent("xdg").path, "HOME": dir.path]
        let elsewhere = dir.path // no Themes/ folder here: the built-in copies must be enough

        // Nothing chosen: default; NO_COLOR: monochrome.
        XCTAssertEqual(
            ColourTheme.resolve(requested: nil, environment: env, currentDirectory: elsewhere).0.name, "default")
        XCTAssertEqual(
            ColourTheme.resolve(
                requested: nil, environment: env.merging(["NO_COLOR": "1"]) { $1 }, currentDirectory: elsewhere
            ).0.name, "monochrome")
        XCTAssertEqual(
            ColourTheme.resolve(
                requested: nil, environment: env.merging(["NO_COLOR": ""]) { $1 }, currentDirectory: elsewhere
            ).0.name, "default")
        // Built in, from any folder.
        for name in ColourTheme.builtInNames {
            let (theme, warnings) = ColourTheme.resolve(requested: name, environment: env, currentDirectory: elsewhere)
            XCTAssertEqual(theme.name, name)
            XCTAssertEqual(warnings, [])
        }
        // The config file names the theme; an explicit flag wins over it, and both win over NO_COLOR.
        try "# mine\ntheme = high-contrast\nsize = big\n".write(
            to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        let (fromConfig, configWarnings) = ColourTheme.resolve(
            requested: nil, environment: env.merging(["NO_COLOR": "1"]) { $1 }, currentDirectory: elsewhere)
        XCTAssertEqual(fromConfig.name, "high-contrast")
        XCTAssertEqual(configWarnings.count, 1)
        XCTAssertTrue(configWarnings[0].contains("line 3"), configWarnings[0])
        XCTAssertEqual(
            ColourTheme.resolve(requested: "monochrome", environment: env, currentDirectory: elsewhere).0.name,
            "monochrome")
        // A user theme in the config folder, with a bad line.
        try "flag = blue bold\nheader = nonsense\n".write(
            to: config.appendingPathComponent("themes/mine.theme"), atomically: true, encoding: .utf8)
        let (mine, mineWarnings) = ColourTheme.resolve(requested: "mine", environment: env, currentDirectory: elsewhere)
        XCTAssertEqual(mine.name, "mine")
        XCTAssertEqual(mine.entry(.flag).foreground, .blue)
        XCTAssertEqual(mine.entry(.header), ColourTheme.builtIn("default").entry(.header))
        XCTAssertEqual(mineWarnings.count, 1)
        XCTAssertTrue(mineWarnings[0].contains("line 2") && mineWarnings[0].contains("nonsense"), mineWarnings[0])
        // A path, and a Themes/ folder in the current directory.
        let path = dir.appendingPathComponent("x.theme")
        try "title = 208 bold\n".write(to: path, atomically: true, encoding: .utf8)
        XCTAssertEqual(
            ColourTheme.resolve(requested: path.path, environment: env, currentDirectory: elsewhere).0.entry(.title)
                .foreground, .indexed(208))
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("Themes"), withIntermediateDirectories: true)
        try "code = cyan\n".write(
            to: dir.appendingPathComponent("Themes/local.theme"), atomically: true, encoding: .utf8)
        XCTAssertEqual(
            ColourTheme.resolve(requested: "local", environment: env, currentDirectory: elsewhere).0.entry(.code)
                .foreground, .cyan)
        // Missing: the default theme and one warning.
        let (missing, missingWarnings) = ColourTheme.resolve(
            requested: "nope", environment: env, currentDirectory: elsewhere)
        XCTAssertEqual(missing.name, "default")
        XCTAssertEqual(missingWarnings.count, 1)
        XCTAssertEqual(
            ColourTheme.resolve(
                requested: dir.appendingPathComponent("gone.theme").path, environment: env, currentDirectory: elsewhere
            ).1.count, 1)
    }
}

/// Writes BuiltInThemeText.swift from the theme files (THEMES_RECORD=1).
struct BuiltInThemeSource {
    private var entries = ""

    mutating func add(_ name: String, _ text: String) {
        var body = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
        {
            body += line.isEmpty ? "\n" : "        \(line)\n"
        }
        entries += "        \"\(name)\": #\"\"\"\n\(body)        \"\"\"#,\n"
    }

    var source: String {
        """
        // Generated from Themes/*.theme: do not edit by hand. After changing a theme
        // file, run `THEMES_RECORD=1 swift test --filter ThemeTests` to regenerate
        // (a test fails while the two differ).

        /// The shipped themes, embedded so the installed binary works from any folder.
        enum BuiltInThemes {
            static let names = ["default", "high-contrast", "monochrome", "colour-blind"]

            static let text: [String: String] = [

        """ + entries + """
                ]
            }

            """
    }
}
