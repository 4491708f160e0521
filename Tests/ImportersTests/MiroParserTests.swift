import Foundation
import XCTest

@testable import Importers

final class MiroParserTests: XCTestCase {
    func testBoardCSVWithTypesFramesColoursTagsAndMultilineCells() throws {
        let board = MiroParser.parseCSV(try Fixture.text("miro-board.csv"))
        XCTAssertEqual(board.skipped, [])
        XCTAssertEqual(board.notes.map(\.line), [2, 3, 5, 8, 9])
        XCTAssertEqual(board.ignored, 2, "the connector and the frame")
        let n = board.notes
        XCTAssertEqual(n[0].text, "Information sharing\nbetween agencies")
        XCTAssertEqual(n[0].frame, "Barriers")
        XCTAssertEqual(n[0].colour, "light yellow")
        XCTAssertEqual(n[0].tags, ["barrier", "agencies"])
        XCTAssertEqual(n[0].createdAt, TestSession.time("14:20:00"))
        XCTAssertEqual(n[1].createdAt, TestSession.time("14:21:00"))
        XCTAssertEqual(n[1].colour, "#f5d128")
        XCTAssertEqual(n[2].text, "Trusted adult\nin school")
        XCTAssertEqual(n[3].text, "She said \"call me\" and meant it")
        XCTAssertEqual(n[4].text, "Thresholds keep moving")
        // Notes are anonymous: nothing of the Author column is kept anywhere.
        XCTAssertFalse(String(describing: board).contains("Invented Person"))
    }

    func testSemicolonSeparatedExport() throws {
        let board = MiroParser.parseCSV(try Fixture.text("miro-semicolon.csv"))
        XCTAssertEqual(board.notes.map(\.text), ["Consistency of worker", "Relational practice"])
        XCTAssertEqual(board.notes.map(\.frame), ["Practice principles", "Practice principles"])
        XCTAssertEqual(board.notes.map(\.colour), ["yellow", "blue"])
    }

    func testHeaderlessSingleColumn() throws {
        let board = MiroParser.parseCSV(try Fixture.text("miro-headerless.csv"))
        XCTAssertEqual(
            board.notes.map(\.text),
            ["Listen to young people", "Contextual safeguarding", "Multi-agency, not multi-referral"])
        XCTAssertEqual(board.warnings, [])
    }

    func testBrokenQuoteIsReportedAndTheRestRead() throws {
        let board = MiroParser.parseCSV(try Fixture.text("miro-broken-quote.csv"))
        XCTAssertEqual(board.skipped.map(\.line), [3])
        XCTAssertEqual(board.notes.map(\.text), ["Fine note", "Still read after the broken row"])
        XCTAssertEqual(board.notes.map(\.frame), ["One", "Two"])
    }

    func testPlainLists() throws {
        let lines = MiroParser.parseList(try Fixture.text("miro-list.txt"))
        XCTAssertEqual(
            lines.notes.map(\.text),
            ["Peer groups matter", "Schools are a key place", "Online harm is everywhere", "Families need support too"])
        let blocks = MiroParser.parseList(try Fixture.text("miro-blocks.txt"))
        XCTAssertEqual(
            blocks.notes.map(\.text),
            ["Transitions at 18\nare a cliff edge", "Workers change too often", "Young people say\nnobody listens"])
        XCTAssertEqual(blocks.notes.map(\.line), [1, 4, 6])
    }

    func testChoosingCSVOrList() throws {
        XCTAssertEqual(
            MiroParser.parse(ImportText("Content,Frame\nA,B\n", fileName: "board.txt")).notes.first?.frame, "B")
        XCTAssertEqual(
            MiroParser.parse(ImportText("one, two\nthree\n", fileName: "notes.txt")).notes.map(\.text),
            ["one, two", "three"])
    }

    func testCSVReaderEdgeCases() {
        let rows = CSVReader.read(ImportText("a,\"b\"\"c\",d\r\n\"x\"y,z\n\n,,\n\"multi\r\nline\",end")).rows
        XCTAssertEqual(rows.map(\.fields), [["a", "b\"c", "d"], ["xy", "z"], ["multi\nline", "end"]])
        XCTAssertEqual(rows.map(\.line), [1, 2, 5])
        XCTAssertEqual(CSVReader.read(ImportText("")).rows, [])
    }

    func testBoardDates() {
        XCTAssertEqual(BoardDates.parse("2026-03-12T14:20:00+01:00"), TestSession.time("13:20:00"))
        XCTAssertEqual(BoardDates.parse("2026-03-12T14:20:00.123Z"), TestSession.time("14:20:00"))
        XCTAssertEqual(BoardDates.parse("2026-03-12"), TestSession.day)
        XCTAssertNil(BoardDates.parse("12/03/2026"))
        XCTAssertNil(BoardDates.parse("2026-13-12"))
        XCTAssertNil(BoardDates.parse("2026-03-12T14"))
    }
}
