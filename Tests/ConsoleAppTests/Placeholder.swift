import XCTest
final class ConsoleAppTestsPlaceholder: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
