/// Performs the console's effects against a journal: the I/O half of the
/// update/view split. The runner calls it with the real screen; tests call it
/// with a real journal and record what would be drawn.
import Foundation
import SessionModel
import SessionStore

public enum ConsoleEffects {
    /// `draw` shows a frame mid-effect (progress, "reading…"); `bell` rings; `quit` saves the draft.
    public static func perform(_ effects: [ConsoleEffect], _ state: inout ConsoleState, journal: any SessionJournal,
                               clock: () -> Date = Date.init,
                               draw: (ConsoleState) -> Void, bell: () -> Void, quit: (ConsoleState) -> Void) {
        func again(_ more: [ConsoleEffect]) {
            perform(more, &state, journal: journal, clock: clock, draw: draw, bell: bell, quit: quit)
        }
        for effect in effects {
            switch effect {
            case .append(let payloads):
                do {
                    let before = state.session
                    try journal.append(payloads, by: state.context.user, at: clock())
                    again(update(&state, .sessionChanged(journal.state)))
                    again(update(&state, .appended(payloads, before: before)))
                } catch {
                    again(update(&state, .appendFailed("\(error)")))
                }
            case .export(let request):
                draw(state)
                let result: Result<ExportOutcome, ExportFailure>
                do {
                    let bytes = try ConsoleExport.perform(request, journal: journal, by: state.context.user) { fraction, stage in
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
                let result = ConsoleImport.commit(request, journal: journal, by: state.context.user)
                again(update(&state, .sessionChanged(journal.state)))
                again(update(&state, .importCommitted(result)))
            case .bell: bell()
            case .saveDraft: break // batched by the runner's loop
            case .quit: quit(state)
            }
        }
    }
}
