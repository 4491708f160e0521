import Foundation
import SessionModel

/// Why a session file could not be opened, read or written, said plainly.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileMissing(String)
    case fileExists(String)
    case notASessionFile(String)
    case newerFormat(path: String, found: Int, supported: Int)
    case damaged(path: String, detail: String)
    case busy(String)
    case readOnly(String)
    case diskFull(String)
    case cannotOpen(path: String, detail: String)
    case rejected(SessionError)
    case passphraseNeeded(String)
    case wrongPassphrase
    case tampered(seq: Int)
    case failed(String)
    /// The file at the path is no longer the one that was opened (deleted,
    /// moved away or replaced by another file); writing on would save into a
    /// file nobody can find.
    case fileGone(String)
    case fileReplaced(String)

    public var description: String {
        switch self {
        case .fileMissing(let p): return "no session file at \(p)"
        case .fileExists(let p): return "\(p) already exists; choose another name"
        case .notASessionFile(let p): return "\(p) is not a Convene session file"
        case .newerFormat(let p, let found, let supported):
            return
                "\(p) was written by a newer Convene (file format \(found); this one reads up to \(supported)); update Convene to open it"
        case .damaged(let p, let detail):
            return "\(p) is damaged: \(detail) (run `convene check` for details, `convene salvage` to recover)"
        case .busy(let p): return "\(p) is held by another program that is writing to it; try again in a moment"
        case .readOnly(let p): return "\(p) cannot be written (read-only file or folder); nothing was saved"
        case .diskFull(let p): return "the disk holding \(p) is full; nothing was saved — free some space and try again"
        case .cannotOpen(let p, let detail): return "cannot open \(p): \(detail)"
        case .rejected(let e): return e.description
        case .passphraseNeeded(let p):
            return "\(p) is encrypted: give its passphrase (--passphrase-env VAR, or type it when asked)"
        case .wrongPassphrase: return "wrong passphrase for this session file"
        case .tampered(let seq): return "event \(seq) has been altered since it was written; it is not shown"
        case .failed(let detail): return detail
        case .fileGone(let p):
            return
                "\(p) was deleted or moved away while open; nothing more is saved — restore the file (or `convene salvage` a copy) and reopen it"
        case .fileReplaced(let p):
            return
                "\(p) was replaced by another file while open; nothing more is saved — reopen it to see what it now holds"
        }
    }
}
