import XCTest
final class PrivacyTestsPlaceholder: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
