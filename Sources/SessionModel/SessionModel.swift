/// SessionModel owns the truth of a focus-group session as pure data: the
/// versioned `SessionEvent`s that make up the journal, the `SessionState` that
/// is their fold, and the rules that reject illegal changes with a typed
/// `SessionError`. No I/O and no clock: time and the actor arrive in each event.
public enum SessionModelInfo {
    /// Bumped when an event payload changes shape; older payloads stay readable.
    public static let eventSchemaVersion = 1
}
