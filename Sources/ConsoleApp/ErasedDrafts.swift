import Privacy
import SessionModel

/// A withdrawal or anonymisation made elsewhere (another console, the command
/// line) erases drafts that touch what went. The console learns of it from the
/// tombstone event and drops its own unsent line before it saves again, so the
/// erased words are never written back.
enum ErasedDrafts {
    /// Empties the input line if it touches an erasure between `old` and `new`;
    /// true if it did.
    static func drop(_ s: inout ConsoleState, old: SessionState, new: SessionState) -> Bool {
        // The line and the one put aside for an edit: both are in the saved draft, both go.
        let draft = s.input.text + (s.parkedLine.map { "\n" + $0 } ?? "")
        guard !draft.isEmpty else { return false }
        var touched = false
        for w in new.withdrawals.dropFirst(old.withdrawals.count) {
            let texts = w.erased.compactMap { old.contribution($0) }.flatMap {
                [$0.text] + $0.history.map(\.previousText)
            }
            let names = old.linkage[w.code].map { [$0] } ?? []
            if DraftErasure.touches(draft, code: w.code, names: names, erasedNumbers: w.erased, erasedTexts: texts) {
                touched = true
            }
        }
        if new.linkageDestroyed, !old.linkageDestroyed,
            !NameOccurrences.find(Array(old.linkage.values) + old.blocklist, in: draft).isEmpty
        {
            touched = true
        }
        guard touched else { return false }
        s.input.set("")
        s.parkedLine = nil
        s.editing = nil
        s.status = "Your unsent line touched what a withdrawal or anonymisation erased, so it was erased too."
        return true
    }
}
