import Foundation
import GRDB

/// A console's unsent input and view position, kept so it reopens where it was
/// after a crash or a closed terminal. Sealed like every payload when the file
/// is encrypted.
public protocol DraftStore: AnyObject {
    func saveDraft(user: String, draft: String, view: String) throws
    func loadDraft(user: String) throws -> (draft: String, view: String)?
}

extension SQLiteJournal: DraftStore {
    public func saveDraft(user: String, draft: String, view: String) throws {
        guard !readOnly else { return }
        let sealed = try cipher.seal(Data(draft.utf8), context: Data("draft:\(user)".utf8))
        // The view names a room, a filter and perhaps a participant code: sealed like the draft.
        let storedView =
            cipher is EncryptedPayloads
            ? Self.sealedViewPrefix
                + (try cipher.seal(Data(view.utf8), context: Data("draft-view:\(user)".utf8))).base64EncodedString()
            : view
        do {
            try dbQueue.write { db in
                try db.execute(
                    sql: "INSERT OR REPLACE INTO console_drafts (user, draft, view, saved_ms) VALUES (?, ?, ?, ?)",
                    arguments: [user, sealed, storedView, Int64(Date().timeIntervalSince1970 * 1000)])
            }
        } catch { throw Self.map(error, path: location) }
    }

    public func loadDraft(user: String) throws -> (draft: String, view: String)? {
        let row = try dbQueue.read { db in
            try Row.fetchOne(db, sql: "SELECT draft, view FROM console_drafts WHERE user = ?", arguments: [user])
        }
        guard let row else { return nil }
        let sealed: Data = row["draft"] ?? Data()
        let plain = (try? cipher.open(sealed, context: Data("draft:\(user)".utf8))) ?? Data()
        var view: String = row["view"] ?? ""
        if view.hasPrefix(Self.sealedViewPrefix) {
            let blob = Data(base64Encoded: String(view.dropFirst(Self.sealedViewPrefix.count))) ?? Data()
            view =
                (try? cipher.open(blob, context: Data("draft-view:\(user)".utf8))).map {
                    String(decoding: $0, as: UTF8.self)
                } ?? ""
        }
        return (String(decoding: plain, as: UTF8.self), view)
    }

    static let sealedViewPrefix = "sealed:"
}
