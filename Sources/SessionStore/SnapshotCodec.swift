import Foundation
import SessionModel

/// Encodes a whole `SessionState` for the snapshot table.
enum SnapshotCodec {
    static func encode(_ state: SessionState) throws -> Data {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .secondsSince1970
        return try e.encode(state)
    }
    static func decode(_ data: Data) throws -> SessionState {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        return try d.decode(SessionState.self, from: data)
    }
}
