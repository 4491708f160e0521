/// Places found, and places and practice words not taken for people (PlaceRecognisers.swift, PlaceShapedNames.swift,
/// FieldVocabulary.swift; issue 18, session 14, `places10`). Each shape has a twin that stays quiet. Written for
/// these tests, not taken from any corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class PlacesNotPeopleTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testWelshScotsAndIrishPlaceOpeningsAreNotPeople() {
        XCTAssertEqual(found("Maesgwynant - nothing for kids at weekends", .location), ["Maesgwynant"])
        XCTAssertEqual(found("Maesgwynant - nothing for kids at weekends", .person), [])
        XCTAssertEqual(found("the farms out past Derrybrannagh, nobody checks", .person), [])
        // Quiet: a listed name, a short word, a name after a title.
        XCTAssertEqual(found("Glenda said she would ring", .location), [])
        XCTAssertEqual(found("Mrs Penhalwyth said she would ring", .location), [])
    }

    func testPlaceEndingsAddedThisSession() {
        XCTAssertEqual(found("Quenchmore - no youth club since May", .location), ["Quenchmore"])
        XCTAssertEqual(found("Quenchmore's mum rang again", .location), [])
    }

    func testAWordBesideAPlaceInAListIsAPlace() {
        XCTAssertEqual(found("mainly Brackenall + Goscote", .location), ["Brackenall", "Goscote"])
        XCTAssertEqual(found("P6 - Hollyfields + Foleshill, the usual", .person), [])
        // Quiet: a word with a verb after it is someone there.
        XCTAssertEqual(found("Foleshill and Zorvekka said no", .location), ["Foleshill"])
    }

    func testLandmarksBeforeAStopOrAStationOrACarPark() {
        XCTAssertEqual(found("the hotel by Crumps tram stop was flagged", .location), ["Crumps"])
        XCTAssertEqual(found("the old Brantley Mill car park, after 10pm", .location), ["Brantley Mill"])
        XCTAssertEqual(found("Quarn Mill retail park again", .location), ["Quarn Mill"])
        // Quiet: a brand, the article, a role.
        XCTAssertEqual(found("the Tesco car park again", .location), [])
        XCTAssertEqual(found("hanging round the bus station", .location), [])
        XCTAssertEqual(found("the DSL car park rota", .location), [])
    }

    func testABigCityAfterALocalOrganisation() {
        XCTAssertEqual(found("I'm at Quarrendale School in Leeds", .location), ["Leeds"])
        XCTAssertEqual(found("Bex, Brackendell Youth Centre, Sheffield", .location), ["Sheffield"])
        // Quiet: a big city named generally.
        XCTAssertEqual(found("CSE in Leeds is changing", .location), [])
    }

    func testABigCityWhereSomeoneIsFrom() {
        XCTAssertEqual(found("you're from Sheffield, aren't you", .location), ["Sheffield"])
        XCTAssertEqual(found("she came to us from Leeds", .location), ["Leeds"])
        // Quiet: a line run from a city.
        XCTAssertEqual(found("lines run from London into the coast", .location), [])
    }

    func testTownsAbbreviatedInNotes() {
        XCTAssertEqual(found("JT 15 -> B'mouth", .location), ["B'mouth"])
        XCTAssertEqual(found("placed M'bro last year", .location), ["M'bro"])
        XCTAssertEqual(found("Soton line again", .location), ["Soton"])
    }

    func testPracticeWordsAreNotPeople() {
        XCTAssertEqual(found("Fac: please don't share links", .person), [])
        XCTAssertEqual(found("YW said she would pass it on", .person), [])
        XCTAssertEqual(found("nan AA, arrived 07:55", .person), [])
        XCTAssertEqual(found("the crime number on CRIS was given", .person), [])
        XCTAssertEqual(found("nain = carer, mam not engaging", .person), [])
        // Quiet twins: a person still found there.
        XCTAssertEqual(found("Fac: Jasmin said she would ring", .person), ["Jasmin"])
        XCTAssertEqual(found("YW said Kerris is 15", .person), ["Kerris"])
        XCTAssertEqual(found("her nain Glenys rang", .person), ["Glenys"])
    }

    func testADistrictNamedWithAnElement() {
        XCTAssertEqual(found("mum works at the hotel by Ainsdale Top", .person), [])
        XCTAssertEqual(found("Adeyemi fam, Catford / Rushey Grn", .person), ["Adeyemi"])
        // Quiet: a given name before the element, a title, a relation.
        XCTAssertEqual(found("Jasmin Top said she would ring", .location), [])
        XCTAssertEqual(found("her mum Kerris Nook rang", .location), [])
        XCTAssertEqual(found("Mrs Quarrie Bank said no", .location), [])
    }

    func testLandmarksAndBigCitiesAddedLater() {
        XCTAssertEqual(found("HOT SPOTS: Quarnby taxi rank", .location), ["Quarnby"])
        XCTAssertEqual(found("she moved in oct to leeds", .location), ["leeds"])
        XCTAssertEqual(found("morning from Leeds everyone", .location), ["Leeds"])
        // Quiet: a big city in lower case with no move.
        XCTAssertEqual(found("leeds is different", .location), [])
    }
}
