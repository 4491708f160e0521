import Foundation
import SessionModel
import XCTest

/// Fails when a subcommand or an event kind has no test: the subcommands are read from the
/// binary's own help, the kinds from `EventKind`, and each must appear in some test source.
final class CoverageTests: XCTestCase {
    private static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every test source except this file and the kind samples (which list every kind by design).
    private func testSources() throws -> String {
        var all = ""
        let files = FileManager.default.enumerator(at: Self.testsDir, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift",
                !["CoverageTests.swift", "EventSamples.swift"].contains(url.lastPathComponent)
            else { continue }
            all += try String(contentsOf: url, encoding: .utf8) + "\n"
        }
        return all
    }

    /// The names under SUBCOMMANDS in `convene [path…] --help`.
    private func subcommands(_ path: [String]) throws -> [String] {
        let help = try ConveneProcess.ok(path + ["--help"]).stdout
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        // The listing ends at the first blank line.
        let listing = help[start.upperBound...].components(separatedBy: "\n\n")[0]
        return listing.split(separator: "\n").compactMap { line in
            // "  name                     Overview"; wrapped overview lines are indented further.
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            let name = line.dropFirst(2).prefix { $0 != " " && $0 != "," }
            return name.isEmpty || name == "help" ? nil : String(name)
        }
    }

    func testEverySubcommandIsRunBySomeTest() throws {
        let sources = try testSources()
        var leaves: [[String]] = []
        for top in try subcommands([]) {
            let subs = try subcommands([top])
            leaves += subs.isEmpty ? [[top]] : subs.map { [top, $0] }
        }
        XCTAssertGreaterThan(leaves.count, 40, "the help listing was not read")
        var missing: [String] = []
        for leaf in leaves {
            let quoted = leaf.map { "\"\($0)\"" }.joined(separator: ", ")
            // As an argument list (["group", "rename", …]) or a shell line: `convene group rename …`,
            // `'…/convene' open …`, or a command string given to a helper ("open '…' --role lead").
            let line = leaf.joined(separator: " ")
            let forms = ["[" + quoted, "convene " + line + " ", "' " + line + " ", "\"" + line + " '"]
            if !forms.contains(where: sources.contains) { missing.append(leaf.joined(separator: " ")) }
        }
        XCTAssertEqual(missing, [], "subcommands no test runs")
    }

    func testEveryEventKindIsUsedBySomeTest() throws {
        let sources = try testSources()
        var missing: [String] = []
        for kind in EventKind.allCases {
            let name = "\(kind)"
            let typeName = name.prefix(1).uppercased() + name.dropFirst()
            let forms = ["\(typeName)(", "\"\(kind.rawValue)\"", ".\(name))", ".\(name),"]
            if !forms.contains(where: sources.contains) { missing.append(kind.rawValue) }
        }
        XCTAssertEqual(missing, [], "event kinds no test writes")
    }
}
