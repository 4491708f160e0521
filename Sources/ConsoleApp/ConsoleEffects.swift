/// Performs the console's effects against a journal: the I/O half of the
/// update/view split. The runner calls it with the real screen; tests call it
/// with a real journal and record what would be drawn.
import Foundation
import SessionActions
import SessionModel
import SessionStore

public enum ConsoleEffects {
    /// Who acts at this console: its user, in the role it was opened with.
    static func actor(_ state: ConsoleState) -> ActingUser {
        ActingUser(name: state.context.user, role: state.context.role)
    }

    /// Keeps the console's scans in the file when it keeps scans (a plain, writable SQLite file):
    /// returns how many rows were written (a contribution edited since its scan gets none).
    @discardableResult
    static func keep(_ scans: ScansToKeep, journal: any SessionJournal) -> Int {
        guard let file = journal as? SQLiteJournal, file.keepsScans, !file.readOnly else { return 0 }
        let (rows, texts) = scans.rows()
        // Kept scans save time only: a write that fails (the file busy) is no loss to the session.
        return (try? file.keepScans(rows, scannedTexts: texts)) ?? 0
    }

    /// `draw` shows a frame mid-effect (progress, "reading…"); `bell` rings; `quit` saves the draft.
    public static func perform(
        _ effects: [ConsoleEffect], _ state: inout ConsoleState, journal: any SessionJournal,
        clock: () -> Date = Date.init,
        draw: (ConsoleState) -> Void, bell: () -> Void, quit: (ConsoleState) -> Void
    ) {
        func again(_ more: [ConsoleEffect]) {
            perform(more, &state, journal: journal, clock: clock, draw: draw, bell: bell, quit: quit)
        }
        for effect in effects {
            switch effect {
            case .run(let command):
                do {
                    let before = state.session
                    let outcome = try SessionActions.perform(command, by: actor(state), on: journal, at: clock())
                    again(update(&state, .sessionChanged(journal.state)))
                    again(update(&state, .appended(outcome.stored.map(\.event.payload), before: before)))
                } catch {
                    // The refusal's sentence is the one the command line prints.
                    again(update(&state, .appendFailed("\(error)")))
                }
            case .export(let request):
                draw(state)
                let result: Result<ExportOutcome, ExportFailure>
                do {
                    let bytes = try ConsoleExport.perform(request, journal: journal, by: actor(state)) {
                        fraction, stage in
                        // Progress for long sessions: redraw as the export moves on.
                        _ = update(&state, .exportProgress(fraction, stage))
                        draw(state)
                    }
                    result = .success(ExportOutcome(format: request.format, path: request.path, bytes: bytes))
                } catch {
                    result = .failure(ExportFailure(message: "\(error)"))
                }
                again(update(&state, .sessionChanged(journal.state)))
                again(update(&state, .exportFinished(result)))
            case .planImport(let request):
                draw(state) // "reading…" while a large file is planned
                let result = ConsoleImport.plan(request, into: journal.state).map { $0.1 }
                again(update(&state, .importPlanned(result)))
            case .commitImport(let request):
                draw(state)
                let result = ConsoleImport.commit(request, journal: journal, by: actor(state))
                again(update(&state, .sessionChanged(journal.state)))
                again(update(&state, .importCommitted(result)))
            case .keepScans(let scans): keep(scans, journal: journal)
            case .readKeptScans(let read): again(update(&state, .keptScansRead(read.perform(journal: journal))))
            case .bell: bell()
            case .saveDraft: break // batched by the runner's loop
            case .quit: quit(state)
            }
        }
    }
}
