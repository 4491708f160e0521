import Exporters
import Foundation
import Privacy
import SessionModel
import XCTest

/// The warnings `convene export` prints: one line per role + place pairing,
/// at most 10 unless `--all`, the place only as a placeholder.
final class WarningSummaryTests: XCTestCase {
    static func warning(
        _ n: Int, role: String, place: String, label: IdentifierLabel = .organisationLocal,
        suggested: AttributionLevel = .anonymous, by code: String = "P01"
    ) -> ImplicitIdentificationWarning {
        ImplicitIdentificationWarning(
            contribution: n, participant: code, role: role, rarity: .onlyOneInSession, place: place,
            placeLabel: label, foundIn: .text, current: .role, suggested: suggested,
            message: "#\(n) names “\(place)”")
    }

    func testOneLinePerPairingWithItsContributionsAndThePlaceAsAPlaceholder() throws {
        // The demo numbers St Mary's Primary as [ORGANISATION 1] (an accepted redaction).
        let state = try Fixture.demoState()
        var warnings: [ImplicitIdentificationWarning] = []
        // 84 warnings of one rare role beside one school, as the issue saw: one line.
        for n in 1...84 {
            warnings.append(
                Self.warning(n, role: "Health visitor", place: n % 2 == 0 ? "Oakfield Academy" : "oakfield academy"))
        }
        warnings.append(Self.warning(85, role: "Health visitor", place: "St Mary's Primary", suggested: .background))
        warnings.append(
            Self.warning(86, role: "Head of Northgate YOT", place: "Northgate", label: .location, by: "P02"))
        let summary = WarningSummary(warnings, state: state)
        XCTAssertEqual(summary.pairings.count, 3)
        let lines = summary.lines(all: false)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(summary.pairings[0].contributions.count, 84, "case does not split a pairing")
        XCTAssertTrue(
            lines[0].hasPrefix(
                "Health visitor (the only one in this session) beside [ORGANISATION 2] in #1–84 (84 contributions by P01)"
            ),
            lines[0])
        XCTAssertEqual(
            summary.pairings[1].placeholder, "[ORGANISATION 1]", "a place the session already numbered keeps its number"
        )
        XCTAssertTrue(lines[1].hasSuffix("lower it to background"), lines[1])
        XCTAssertEqual(summary.pairings[2].role, "Head of [PLACE 1] YOT", "a place inside the role is hidden too")
        for line in lines {
            for place in ["Oakfield", "oakfield", "St Mary", "Northgate"] {
                XCTAssertFalse(line.contains(place), "\(place) in clear: \(line)")
            }
        }
    }

    func testAtMostTenLinesUnlessAll() throws {
        let state = try Fixture.demoState()
        let warnings = (1...13).map { Self.warning($0, role: "Director \($0)", place: "Place \($0)") }
        let summary = WarningSummary(warnings, state: state)
        let short = summary.lines(all: false)
        XCTAssertEqual(short.count, 11)
        XCTAssertEqual(short.last, "… and 3 more pairings (add --all to list every one)")
        XCTAssertEqual(summary.lines(all: true).count, 13)
        XCTAssertEqual(Set(summary.pairings.map(\.placeholder)).count, 13, "each place its own placeholder")
    }

    func testLongListsOfContributionsAreShortenedUnlessAll() throws {
        let state = try Fixture.demoState()
        let warnings = stride(from: 2, through: 60, by: 2).map {
            Self.warning($0, role: "Director", place: "Northgate", label: .location)
        }
        let summary = WarningSummary(warnings, state: state)
        XCTAssertTrue(
            summary.lines(all: false)[0].contains("#2, #4, #6, #8, #10, #12, #14, #16, #18, #20, #22, #24 and 18 more"))
        XCTAssertTrue(summary.lines(all: true)[0].contains("#58, #60 (30 contributions"))
    }
}
