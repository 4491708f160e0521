import Foundation
import SessionModel
import XCTest

final class EventCodecTests: XCTestCase {
    func testEveryKindRoundTripsThroughTheCodecComparingDecodedPayloads() throws {
        for kind in EventKind.allCases {
            let body = EventSamples.sample(kind)
            XCTAssertEqual(body.kind, kind, "the sample for \(kind) is of another kind")
            let data = try EventCodec.encode(body)
            let back = try EventCodec.decodeBody(kind: kind.rawValue, version: kind.version, data: data)
            // Decoded values compared, not re-encoded bytes: a field encoding drops shows here.
            XCTAssertEqual(back, body, kind.rawValue)
            // The payload struct's own name is the kind's.
            XCTAssertEqual(type(of: body.payload).kind, kind.rawValue)
            XCTAssertEqual(SessionEvent(at: EventSamples.t, by: "x", body.payload).body, body)
        }
    }

    func testEveryDemoEventRoundTripsThroughTheCodec() throws {
        for event in DemoSession.events() {
            let data = try EventCodec.encode(event.payload)
            let back = try EventCodec.decodeBody(kind: event.kind, version: event.version, data: data)
            XCTAssertEqual(back, event.body, event.kind)
        }
    }

    func testEveryKindHasOneDottedName() {
        let names = EventKind.allCases.map(\.rawValue)
        XCTAssertEqual(Set(names).count, names.count)
        XCTAssertTrue(names.allSatisfy { $0.contains(".") })
        XCTAssertEqual(EventCodec.knownKinds, Set(names))
    }

    /// Version 1 of every kind, as the release before the enum wrote it (see also
    /// SessionStoreTests/ReleaseFileTests, which opens a whole file that release wrote).
    func testVersionOnePayloadsStillDecode() throws {
        let written: [EventKind: String] = [
            .consoleOpened: #"{"role":"lead"}"#,
            .contributionLogged: #"{"form":"verbatim","replyTo":[],"room":0,"source":"chat","text":"hi"}"#,
            .sessionClosed: "{}",
            .concernRaised: #"{"category":"other","contributions":[],"description":"d","room":0,"urgency":"same-day"}"#,
        ]
        for (kind, json) in written {
            let body = try EventCodec.decodeBody(kind: kind.rawValue, version: 1, data: Data(json.utf8))
            XCTAssertEqual(body.kind, kind)
        }
    }

    func testUnknownNewerAndDamagedPayloadsAreRefused() {
        XCTAssertThrowsError(try EventCodec.decode(kind: "teleport.started", version: 1, data: Data("{}".utf8))) {
            XCTAssertEqual($0 as? SessionError, .unknownEventKind("teleport.started"))
        }
        XCTAssertThrowsError(try EventCodec.decode(kind: ContributionLogged.kind, version: 99, data: Data("{}".utf8))) {
            XCTAssertEqual($0 as? SessionError, .eventFromNewerVersion(kind: ContributionLogged.kind, version: 99))
        }
        XCTAssertThrowsError(
            try EventCodec.decode(
                kind: ContributionLogged.kind, version: 1,
                data: Data("{\"text\":1}".utf8))
        ) {
            XCTAssertEqual($0 as? SessionError, .unreadableEvent(kind: ContributionLogged.kind))
        }
        XCTAssertEqual(
            try EventCodec.decodeBody(kind: ContributionLogged.kind, version: 1, data: nil),
            .erased(.contributionLogged))
        XCTAssertTrue(try EventCodec.decode(kind: ContributionLogged.kind, version: 1, data: nil) is ErasedEvent)
        XCTAssertThrowsError(try EventCodec.encode(EventBody.erased(.contributionLogged)))
    }

    func testRestrictedEventsAreExactlyTheRegister() {
        let restricted = Set(EventKind.allCases.filter(\.isRestricted))
        XCTAssertEqual(restricted, [.concernRaised, .concernAcknowledged, .concernActionTaken])
        let raised = SessionEvent(
            at: Date(), by: "x", ConcernRaised(category: .other, urgency: .sameDay, description: "d"))
        let logged = SessionEvent(at: Date(), by: "x", ContributionLogged(source: .chat, text: "t"))
        XCTAssertTrue(raised.isRestricted)
        XCTAssertFalse(logged.isRestricted)
        // An erased concern is still restricted: the flag follows the kind, not the content.
        XCTAssertTrue(SessionEvent(at: Date(), by: "x", body: .erased(.concernRaised)).isRestricted)
    }
}
