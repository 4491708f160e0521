import XCTest
final class ImportersTestsPlaceholder: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
