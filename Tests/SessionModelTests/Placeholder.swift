import XCTest
final class SessionModelTestsPlaceholder: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
