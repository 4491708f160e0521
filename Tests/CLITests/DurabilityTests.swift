import Foundation
import XCTest

/// Every contribution whose `convene log` exited 0 survives SIGKILL at any moment.
final class DurabilityTests: XCTestCase {
    private var trials: Int { Int(ProcessInfo.processInfo.environment["DURABILITY_TRIALS"] ?? "") ?? 200 }

    func testKilledWritersLoseNothingAcknowledged() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("d.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Durability"])
        var acknowledged: [String] = []
        var killed = 0
        for i in 0..<trials {
            let text = "ack-\(i)-\(UUID().uuidString.prefix(6))"
            if i % 2 == 0 {
                // Let it finish: an acknowledged write.
                let r = try ConveneProcess.run(["log", f, "--source", "chat", "--", text])
                if r.status == 0 { acknowledged.append(text) } else { XCTFail("log failed: \(r.stderr)") }
            } else {
                // Kill it at a random moment, possibly mid-transaction.
                let p = try ConveneProcess.start(["log", f, "--source", "chat", "--", "maybe-\(i)"])
                usleep(UInt32.random(in: 0...40_000))
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                if p.terminationReason == .uncaughtSignal { killed += 1 }
            }
        }
        XCTAssertGreaterThan(killed, trials / 10, "too few kills landed mid-run to mean anything")
        let texts = Set(try ConveneProcess.ok(["list", f, "--json"]).lines.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["text"] as? String
        })
        for text in acknowledged { XCTAssertTrue(texts.contains(text), "acknowledged \(text) was lost") }
        let check = try ConveneProcess.run(["check", f])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        print("durability: \(trials) trials, \(killed) killed mid-run, \(acknowledged.count) acknowledged, all present")
    }

    func testSeveralWritersAtOnceWithKills() throws {
        let dir = try ConveneProcess.tempDir()
        let f = dir.appendingPathComponent("w.convene").path
        try ConveneProcess.ok(["new", f, "--title", "Writers"])
        let writers = 4, each = 15
        let box = StringsBox()
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            for i in 0..<each {
                let text = "w\(w)-\(i)"
                if let r = try? ConveneProcess.run(["log", f, "--source", "chat", "--", text]), r.status == 0 {
                    box.append(text)
                }
                if i % 3 == 0, let p = try? ConveneProcess.start(["log", f, "--source", "chat", "--", "victim-\(w)-\(i)"]) {
                    usleep(UInt32.random(in: 0...30_000))
                    kill(p.processIdentifier, SIGKILL)
                    p.waitUntilExit()
                }
            }
        }
        let acknowledged = box.all
        XCTAssertEqual(acknowledged.count, writers * each, "a writer was refused while others wrote")
        let list = try ConveneProcess.ok(["list", f, "--json"]).lines
        let texts = Set(list.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["text"] as? String })
        for text in acknowledged { XCTAssertTrue(texts.contains(text), "lost \(text)") }
        let numbers = list.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["number"] as? Int }
        XCTAssertEqual(numbers, Array(1...numbers.count), "numbers are contiguous")
        XCTAssertEqual(try ConveneProcess.run(["check", f]).status, 0)
    }
}
