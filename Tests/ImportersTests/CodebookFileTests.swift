import Foundation
import SessionModel
import XCTest
import ZIPFoundation

@testable import Importers

/// `CodebookFile`: a codebook from a text list, a REFI-QDA codebook or a REFI-QDA project, told apart by content,
/// with every code read counted as taken, merged or skipped.
final class CodebookFileTests: XCTestCase {
    func testATextListKeepsNamesDescriptionsAndOrderAndSkipsComments() throws {
        let text = "# practice codes\nPP1 Child-centred: The child's voice first\n\nPP2 Relationships\n  PP3: \n"
        let book = try CodebookFile.parse(Data(text.utf8), fileName: "codes.txt")
        XCTAssertEqual(book.format, .text)
        XCTAssertEqual(book.name, "codes")
        XCTAssertEqual(
            book.codes,
            [
                CodeDefinition(name: "PP1 Child-centred", description: "The child's voice first"),
                CodeDefinition(name: "PP2 Relationships"), CodeDefinition(name: "PP3"),
            ])
        XCTAssertEqual(book.read, 3)
        XCTAssertEqual(book.summary, "read 3 codes from a text list, imported 3")
    }

    /// Nested codes are named by their path, a grouping code that is not codable is counted but not taken, a
    /// namespace prefix and white space inside names do not matter, and a second code of the same name (any case)
    /// is merged into the first, which keeps its description.
    func testARefiCodebookWithNestingGroupsAndDuplicates() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <qda:CodeBook xmlns:qda="urn:QDA-XML:codebook:1.0" origin="hand">
              <qda:Codes>
                <qda:Code guid="0b1e1c52-0000-4000-8000-000000000001" name="Risk" isCodable="false">
                  <qda:Description>Grouping only</qda:Description>
                  <qda:Code guid="0b1e1c52-0000-4000-8000-000000000002" name="Online   harm" isCodable="true">
                    <qda:Description>  Grooming, sextortion
                      and the like </qda:Description>
                  </qda:Code>
                  <qda:Code guid="0b1e1c52-0000-4000-8000-000000000003" name="County lines" isCodable="true"/>
                </qda:Code>
                <qda:Code guid="0b1e1c52-0000-4000-8000-000000000004" name="Partnership" isCodable="true">
                  <qda:Code guid="0b1e1c52-0000-4000-8000-000000000005" name="Online harm" isCodable="true"/>
                </qda:Code>
                <qda:Code guid="0b1e1c52-0000-4000-8000-000000000006" name="partnership" isCodable="true">
                  <qda:Description>a second one</qda:Description>
                </qda:Code>
                <qda:Code guid="0b1e1c52-0000-4000-8000-000000000007" name="Voice of the child"/>
              </qda:Codes>
              <qda:Sets/>
            </qda:CodeBook>
            """
        let book = try CodebookFile.parse(Data(xml.utf8), fileName: "nvivo codes.qdc")
        XCTAssertEqual(book.format, .refiCodebook)
        XCTAssertEqual(book.name, "nvivo codes")
        XCTAssertEqual(
            book.codes,
            [
                CodeDefinition(name: "Risk / Online harm", description: "Grooming, sextortion and the like"),
                CodeDefinition(name: "Risk / County lines"),
                CodeDefinition(name: "Partnership"),
                CodeDefinition(name: "Partnership / Online harm"),
                CodeDefinition(name: "Voice of the child"),
            ])
        XCTAssertEqual(book.read, 7)
        XCTAssertEqual(book.groups, 1)
        XCTAssertEqual(book.duplicates, ["partnership"])
        XCTAssertEqual(
            book.summary,
            "read 7 codes from a REFI-QDA codebook, imported 5, 1 duplicate merged, 1 grouping code not codable")
    }

    /// A REFI-QDA project (a zip) gives its codebook; sources and everything else in it are not read.
    func testARefiProjectGivesItsCodebook() throws {
        let qde = """
            <?xml version="1.0" encoding="utf-8"?>
            <Project xmlns="urn:QDA-XML:project:1.0" name="p">
              <CodeBook><Codes>
                <Code guid="0b1e1c52-0000-4000-8000-000000000011" name="Trust" isCodable="true">
                  <Description>Between agencies</Description>
                </Code>
              </Codes></CodeBook>
              <Sources><TextSource guid="0b1e1c52-0000-4000-8000-000000000012" name="s" plainTextPath="internal://x.txt">
                <PlainTextSelection guid="0b1e1c52-0000-4000-8000-000000000013" startPosition="0" endPosition="1">
                  <Coding guid="0b1e1c52-0000-4000-8000-000000000014"><CodeRef targetGUID="0b1e1c52-0000-4000-8000-000000000011"/></Coding>
                </PlainTextSelection>
              </TextSource></Sources>
            </Project>
            """
        let archive = try Archive(accessMode: .create)
        let bytes = Data(qde.utf8)
        try archive.addEntry(with: "project.qde", type: .file, uncompressedSize: Int64(bytes.count)) { pos, size in
            bytes.subdata(in: Int(pos)..<Int(pos) + size)
        }
        let book = try CodebookFile.parse(try XCTUnwrap(archive.data), fileName: "study.qdpx")
        XCTAssertEqual(book.format, .refiProject)
        XCTAssertEqual(book.codes, [CodeDefinition(name: "Trust", description: "Between agencies")])
    }

    func testFilesThatAreNotCodebooksAreRefusedWithOneSentence() throws {
        let cases: [(Data, String, String)] = [
            (Data("<CodeBook><Codes><Code name=\"a\"></Codes>".utf8), "broken.qdc", "not well-formed XML"),
            (Data("<html><body>hello</body></html>".utf8), "page.qdc", "no REFI-QDA CodeBook element"),
            (Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]), "damaged.qdpx", "damaged zip archive"),
            (Data("# only a comment\n\n".utf8), "empty.txt", "holds no codes"),
            (Data([0, 1, 2, 0, 0, 0, 9, 0]), "binary.txt", "binary file"),
        ]
        for (data, name, expected) in cases {
            XCTAssertThrowsError(try CodebookFile.parse(data, fileName: name), name) { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains(expected), "\(name): \(message)")
                XCTAssertTrue(message.contains(name), "\(name): the message names the file: \(message)")
                XCTAssertFalse(message.contains("\n"), "one sentence: \(message)")
            }
        }
    }

    /// Losing most of a file is refused, not reported as a success.
    func testACodebookThatLosesMostOfItsCodesIsRefused() throws {
        let long = String(repeating: "x", count: 121)
        let xml = """
            <CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
              <Code guid="a" name="Fine" isCodable="true"/>
              <Code guid="b" name="" isCodable="true"/>
              <Code guid="c" name="\(long)" isCodable="true"/>
            </Codes></CodeBook>
            """
        XCTAssertThrowsError(try CodebookFile.parse(Data(xml.utf8), fileName: "bad.qdc")) { error in
            XCTAssertEqual(
                "\(error)",
                "2 of the 3 codes in bad.qdc cannot be used (first: “”: no name); the codebook was not changed")
        }
        // One bad code in three is taken as two and counted.
        let fine = xml.replacingOccurrences(of: "name=\"\(long)\"", with: "name=\"Also fine\"")
        let book = try CodebookFile.parse(Data(fine.utf8), fileName: "ok.qdc")
        XCTAssertEqual(book.codes.map(\.name), ["Fine", "Also fine"])
        XCTAssertEqual(book.skipped, [CodebookImport.Skipped(name: "", reason: "no name")])
        XCTAssertTrue(book.summary.hasSuffix("1 skipped (first: “”: no name)"), book.summary)
    }
}
