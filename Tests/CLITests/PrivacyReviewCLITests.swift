import Foundation
import XCTest

/// Issue 18, item 4: `convene review` shows each finding's confidence and the special-category details (never
/// redacted), and the implicit-identification warning pairs a rare role with such a detail.
final class PrivacyReviewCLITests: XCTestCase {
    func testReviewShowsConfidenceAndSpecialCategoryDetails() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("s.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Review"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P01", "--role", "Designated Nurse"])
        try ConveneProcess.ok(["participant", "add", f, "--code", "P02", "--role", "Youth worker"])
        try ConveneProcess.ok([
            "log", f, "--source", "chat", "--speaker", "P02", "--",
            "and Zayvion said Kayleigh's mum is pregnant again",
        ])
        try ConveneProcess.ok([
            "log", f, "--source", "chat", "--speaker", "P01", "--",
            "As the only one here with ADHD I find the forms hard",
        ])
        let text = try ConveneProcess.ok(["review", f]).stdout
        XCTAssertTrue(text.contains("PERSON “Zayvion” at 4:11 (possible)"), text)
        XCTAssertTrue(text.contains("PERSON “Kayleigh” at 17:25 (likely)"), text)
        XCTAssertTrue(text.contains("#1 special category (not redacted): “pregnant”"), text)
        XCTAssertTrue(text.contains("#2 special category (not redacted): “ADHD”"), text)
        XCTAssertTrue(
            text.contains("#2 mentions the special-category detail “ADHD” and is quoted as Designated Nurse"), text)
        let lines = try ConveneProcess.ok(["review", f, "--json"]).lines.map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let findings = lines.filter { $0["kind"] == nil }
        XCTAssertEqual(findings.compactMap { $0["confidence"] as? String }, ["possible", "likely"])
        let special = lines.filter { $0["kind"] as? String == "special-category" }
        XCTAssertEqual(special.compactMap { $0["text"] as? String }, ["pregnant", "ADHD"])
        XCTAssertEqual(special.first?["label"] as? String, "SPECIAL_CATEGORY")
        let warning = lines.first { $0["kind"] as? String == "implicit-identification" }
        XCTAssertEqual(warning?["placeLabel"] as? String, "SPECIAL_CATEGORY")
    }
}
