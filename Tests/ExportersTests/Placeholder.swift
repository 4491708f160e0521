import XCTest
final class ExportersTestsPlaceholder: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
