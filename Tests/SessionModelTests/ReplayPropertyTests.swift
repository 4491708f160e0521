import ConveneTestSupport
import Foundation
import PropertyBased
import SessionModel
import Testing

/// Folding is deterministic and never half-applies, over scripts of every event kind with
/// Unicode text: each event applies whole or leaves the state unchanged; replaying what
/// applied, and replaying it after a trip through the codec, gives the same state. Scripts
/// shrink (steps dropped, numbers lowered) when a property fails.
@Suite struct ReplayPropertyTests {
    /// Kinds that applied in any case of the run, to require that every kind was exercised.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var kinds: [EventKind: Int] = [:]
        private var steps = 0, applied = 0
        func add(_ k: [EventKind], steps n: Int) {
            lock.withLock {
                for x in k { kinds[x, default: 0] += 1 }
                steps += n
                applied += k.count
            }
        }
        var snapshot: (kinds: [EventKind: Int], steps: Int, applied: Int) { lock.withLock { (kinds, steps, applied) } }
    }

    @Test func scriptsOfEveryKindApplyWholeOrNotAtAllAndReplayThroughTheCodec() async {
        let seen = Seen()
        await propertyCheck(count: 150, input: EventScript.steps(20...90)) { steps in
            var state = try! SessionState.replay(EventScript.opening())
            var accepted = EventScript.opening()
            var kinds: [EventKind] = []
            for (i, step) in steps.enumerated() {
                let event = SessionEvent(
                    at: EventScript.t0.addingTimeInterval(Double(100 + i)), by: "Sam",
                    EventScript.payload(step, in: state))
                let before = state
                do {
                    try state.apply(event)
                    accepted.append(event)
                    kinds.append(event.body.kind)
                } catch {
                    #expect(state == before, "a refused \(event.kind) changed the state")
                }
            }
            seen.add(kinds, steps: steps.count)
            #expect(try SessionState.replay(accepted) == state)
            let decoded = try accepted.map { e in
                SessionEvent(
                    id: e.id, at: e.at, by: e.by,
                    body: try EventCodec.decodeBody(kind: e.kind, version: e.version, data: EventCodec.encode(e.body)))
            }
            #expect(decoded.map(\.body) == accepted.map(\.body))
            #expect(try SessionState.replay(decoded) == state)
        }
        // Teeth: most steps must apply, and every kind but the opening's own must have applied somewhere.
        let (kinds, steps, applied) = seen.snapshot
        print("replay property: \(applied) of \(steps) generated events applied, \(kinds.count) kinds")
        #expect(Double(applied) >= 0.5 * Double(steps), "only \(applied) of \(steps) generated events applied")
        let never = EventKind.allCases.filter { kinds[$0] == nil && $0 != .sessionCreated }
        #expect(never.isEmpty, "kinds never applied: \(never.map(\.rawValue))")
    }
}
