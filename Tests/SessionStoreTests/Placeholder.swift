import XCTest
final class SessionStoreTestsPlaceholder: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
