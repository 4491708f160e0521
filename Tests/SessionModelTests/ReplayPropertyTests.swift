import Foundation
import PropertyBased
import SessionModel
import Testing

/// Folding is deterministic and never half-applies: for random command
/// sequences, each event either applies whole or leaves the state unchanged.
@Suite struct ReplayPropertyTests {
    @Test func randomCommandsApplyWholeOrNotAtAll() async {
        await propertyCheck(count: 200, input: Gen.int(in: 0...1_000_000)) { seed in
            var rng = SplitMix(seed: UInt64(seed))
            let created = SessionEvent(at: Date(timeIntervalSince1970: 0), by: "t",
                                       SessionCreated(sessionID: UUID(), title: "P", date: "2026-01-01"))
            var state = try! SessionState.replay([created])
            var accepted = [created]
            for step in 0..<60 {
                let payload = randomPayload(&rng, state: state)
                let event = SessionEvent(at: Date(timeIntervalSince1970: Double(step)), by: "t", payload)
                let before = state
                do {
                    try state.apply(event)
                    accepted.append(event)
                } catch {
                    #expect(state == before)
                }
            }
            let replayed = try! SessionState.replay(accepted)
            #expect(replayed == state)
        }
    }

    func randomPayload(_ rng: inout SplitMix, state: SessionState) -> any EventPayload {
        let n = max(1, state.contributions.count)
        let code = "P0\(Int(rng.next() % 4))"
        switch rng.next() % 9 {
        case 0: return ParticipantAdded(code: code, jobRole: "Role")
        case 1: return GroupCreated(name: "Room \(rng.next() % 3)")
        case 2: return ParticipantAssigned(code: code, room: Int(rng.next() % 3))
        case 3: return ContributionLogged(source: ContributionSource.allCases[Int(rng.next() % 4)], speaker: rng.next() % 2 == 0 ? code : nil, text: "t\(rng.next() % 100)")
        case 4: return CodeTagged(number: Int(rng.next() % UInt64(n + 1)), code: "C\(rng.next() % 3)")
        case 5: return ContributionStruck(number: Int(rng.next() % UInt64(n + 1)))
        case 6: return rng.next() % 2 == 0 ? RoundStarted(minutes: 5) : RoundEnded()
        case 7: return AttributionSet(number: Int(rng.next() % UInt64(n + 1)), level: .background)
        default: return ConcernRaised(contributions: [Int(rng.next() % UInt64(n + 1))], category: .other, urgency: .sameDay, description: "d")
        }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
