import Exporters
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension Study {
    /// Refuses, before any work, a study export written over one of the study's own files: its manifest, or a
    /// session file (its `-wal`, `-shm` or `-journal` too), by any path to it, as `ExportFile` refuses the
    /// session being exported. (Any Convene session file, inside the study or not, `ExportFile.write` refuses.)
    public func checkExportTarget(_ path: String) throws {
        let manifestFile = Self.manifestPath(directory)
        if Self.resolved(path) == Self.resolved(manifestFile) || Self.sameFile(path, manifestFile) {
            throw StudyError.exportOverManifest(path)
        }
        for session in manifest.sessions where !session.isTeamSession {
            try ExportFile.checkTarget(path, input: self.path(of: session))
        }
    }

    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Two paths to one file (a hard link), by device and inode.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat()
        var sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }
}
