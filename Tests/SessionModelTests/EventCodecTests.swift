import Foundation
import SessionModel
import XCTest

final class EventCodecTests: XCTestCase {
    func testEveryDemoEventRoundTripsThroughTheCodec() throws {
        for event in DemoSession.events() {
            let data = try EventCodec.encode(event.payload)
            let back = try EventCodec.decode(kind: event.kind, version: event.version, data: data)
            XCTAssertEqual(try EventCodec.encode(back), data, event.kind)
        }
    }

    func testEveryKindIsRegisteredOnce() {
        let kinds = EventCodec.payloadTypes.map { $0.kind }
        XCTAssertEqual(Set(kinds).count, kinds.count)
        XCTAssertTrue(kinds.allSatisfy { $0.contains(".") })
    }

    func testUnknownAndNewerKindsAreRefused() {
        XCTAssertThrowsError(try EventCodec.decode(kind: "teleport.started", version: 1, data: Data("{}".utf8))) {
            XCTAssertEqual($0 as? SessionError, .unknownEventKind("teleport.started"))
        }
        XCTAssertThrowsError(try EventCodec.decode(kind: ContributionLogged.kind, version: 99, data: Data("{}".utf8))) {
            XCTAssertEqual($0 as? SessionError, .eventFromNewerVersion(kind: ContributionLogged.kind, version: 99))
        }
        XCTAssertThrowsError(try EventCodec.decode(kind: ContributionLogged.kind, version: 1, data: Data("{\"text\":1}".utf8)))
        XCTAssertTrue(try EventCodec.decode(kind: ContributionLogged.kind, version: 1, data: nil) is ErasedEvent)
    }

    func testRestrictedEventsAreTheRegister() {
        let raised = SessionEvent(at: Date(), by: "x", ConcernRaised(category: .other, urgency: .sameDay, description: "d"))
        let logged = SessionEvent(at: Date(), by: "x", ContributionLogged(source: .chat, text: "t"))
        XCTAssertTrue(raised.isRestricted)
        XCTAssertFalse(logged.isRestricted)
    }
}
