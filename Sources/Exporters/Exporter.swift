/// The one entry point for writing a session out, used by `convene export`
/// and the console's `:export`: picks the format, sends every research format
/// through `ResearchGate`, and keeps the safeguarding register apart.
import Foundation
import Privacy
import SessionModel

/// Format names are part of the command line (`--format`), so they stay fixed.
public enum ExportFormat: String, CaseIterable, Sendable {
    case json, markdown, html, docx, csv
    case quotesCSV = "quotes-csv"
    case qdpx, qdc, safeguarding

    /// A file extension that opens in the right program.
    public var fileExtension: String {
        switch self {
        case .json, .safeguarding: return "json"
        case .markdown: return "md"
        case .quotesCSV: return "csv"
        default: return rawValue
        }
    }

    /// Research formats carry anonymised research data; `safeguarding` is the register alone.
    public var isResearch: Bool { self != .safeguarding }
}

public enum ExportError: Error, Equatable, CustomStringConvertible {
    case noSession
    case packaging(String)

    public var description: String {
        switch self {
        case .noSession: return "this file holds no session yet, so there is nothing to export"
        case .packaging(let why): return "the export could not be packaged: \(why)"
        }
    }
}

public enum Exporter {
    /// The bytes of `format` for `state`. Pure: the same state gives the same
    /// bytes (times come from the session, GUIDs from the session id).
    /// `progress` gets fractions from 0 to 1 for long sessions.
    public static func export(_ state: SessionState, format: ExportFormat, progress: ((Double) -> Void)? = nil) throws
        -> Data
    {
        guard state.info != nil else { throw ExportError.noSession }
        progress?(0)
        defer { progress?(1) }
        if format == .safeguarding {
            // The register goes out only on its own, and only as the safeguarding lead sees it.
            return try SafeguardingRegisterExport.json(state, role: .safeguarding)
        }
        // The gate is most of the work; rendering takes the last tenth.
        let record = ResearchGate.record(state, progress: progress.map { report in { report($0 * 0.9) } })
        progress?(0.9)
        return try render(record, format: format)
    }

    /// A research format from a record the gate built (benchmarks and tests
    /// reuse one record across formats).
    public static func render(_ record: ResearchRecord, format: ExportFormat) throws -> Data {
        let sink = ExportSink()
        try render(record, format: format, to: sink)
        return sink.data
    }

    /// The same, written into `sink` a piece at a time: no format holds its whole output.
    public static func render(_ record: ResearchRecord, format: ExportFormat, to sink: ExportSink) throws {
        switch format {
        case .json: try ResearchFormats.json(record, to: sink)
        case .csv: try ResearchFormats.csv(record, to: sink)
        case .quotesCSV: try ResearchFormats.csv(record, quotesOnly: true, to: sink)
        case .markdown: try ResearchFormats.markdown(record, to: sink)
        case .html: try HTMLReport.html(record, to: sink)
        case .docx: try DocxTranscript.docx(record, to: sink)
        case .qdpx: try REFIQDA.qdpx(record, to: sink)
        case .qdc: try sink.write(REFIQDA.qdc(record))
        case .safeguarding:
            throw ExportError.packaging("the safeguarding register is not built from the research record")
        }
    }

    /// Warnings the export command prints before writing: contributions whose
    /// attribution could identify a speaker implicitly (a rare role with a
    /// named place or organisation). Each message names the place in clear:
    /// for a terminal, print `WarningSummary` lines instead.
    public static func warnings(_ state: SessionState) -> [String] {
        ImplicitIdentification.warnings(in: state).map(\.message)
    }

    /// The gate's record and the implicit-identification warnings, computed
    /// once for a state and reused for every format written from it.
    public static func prepare(_ state: SessionState, progress: ((Double) -> Void)? = nil) throws -> PreparedExport {
        try prepare(state, pages: StatePages(contributions: state.contributions), progress: progress)
    }

    /// The same, with the contributions read from `pages` (a store's snapshot,
    /// a page at a time) and `state` holding the rest of the session.
    public static func prepare(
        _ state: SessionState, pages: some ContributionPageSource,
        progress: ((Double) -> Void)? = nil
    ) throws -> PreparedExport {
        guard state.info != nil else { throw ExportError.noSession }
        // One pass: the warnings come from the same scan as the redaction, and only for
        // contributions the export holds (nothing else can be identified by it).
        let (record, warnings) = try ResearchGate.prepare(state, pages: pages, progress: progress)
        return PreparedExport(record: record, warnings: warnings, summary: WarningSummary(warnings, state: state))
    }

    /// Writes `format` into `sink`: research formats from `prepared` (made
    /// with `prepare(state)` when not given), the register from the state.
    /// `head`: where the journal ended, recorded in the export (`ExportJournalHead`).
    public static func write(
        _ state: SessionState, format: ExportFormat, prepared: PreparedExport? = nil,
        head: ExportJournalHead? = nil, to sink: ExportSink
    ) throws {
        guard state.info != nil else { throw ExportError.noSession }
        if format == .safeguarding {
            try sink.write(SafeguardingRegisterExport.json(state, role: .safeguarding, head: head))
            return
        }
        var record = try prepared?.record ?? prepare(state).record
        record.journalHead = head
        try render(record, format: format, to: sink)
    }
}

/// What every research format of one state is written from: the gate's
/// record and the warnings to show before writing.
public struct PreparedExport: Sendable {
    public let record: ResearchRecord
    public let warnings: [ImplicitIdentificationWarning]
    public let summary: WarningSummary
}
