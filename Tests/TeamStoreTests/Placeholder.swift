import XCTest
final class TeamStoreTestsPlaceholder: XCTestCase { func testPlaceholder() { XCTAssertTrue(true) } }
