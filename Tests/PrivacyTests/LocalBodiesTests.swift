/// Local bodies named the way practitioners name them (LocalBodies.swift, FieldVocabulary.swift, issue 18, session
/// 14, `orgs10`): the secure estate by its own name, a town's hospital named short, a short name in quotes after its
/// organisation, a place's services and courts, Welsh heads before their name. Each shape has a twin that stays
/// quiet. Written for these tests, not taken from any corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class LocalBodiesTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testTheSecureEstateByItsOwnName() {
        XCTAssertEqual(found("he got remanded to Cookham Wood in May", .organisationLocal), ["Cookham Wood"])
        XCTAssertEqual(found("her brother's in maghaberry till next year", .organisationLocal), ["maghaberry"])
        XCTAssertEqual(found("and dad's just out of the bar l again", .organisationLocal), ["bar l"])
        XCTAssertEqual(found("Kai did 6 months, Wetherby then a hostel", .organisationLocal), [])
        XCTAssertEqual(found("sentenced to a DTO, served it at Wetherby", .organisationLocal), ["Wetherby"])
        XCTAssertEqual(
            found("beds we use: Hindley, Werrington, Clayfields", .organisationLocal),
            ["Hindley", "Werrington", "Clayfields"])
        // Quiet: a town with no word of custody, where someone lives, a street.
        XCTAssertEqual(found("her nan lives out Wetherby way", .organisationLocal), [])
        XCTAssertEqual(found("remanded, his mum lives in Hindley", .organisationLocal), [])
        XCTAssertEqual(found("they met on Forest Bank Road by the shop", .organisationLocal), [])
        XCTAssertEqual(found("the bar was loud", .organisationLocal), [])
    }

    func testATownsHospitalNamedShort() {
        XCTAssertEqual(found("the nurse from Royal Preston ED rang back", .organisationLocal), ["Royal Preston"])
        XCTAssertEqual(found("same with ours, Wigan General never rings us", .organisationLocal), ["Wigan General"])
        XCTAssertEqual(found("she does nights at wigan gen and school runs", .organisationLocal), ["wigan gen"])
        XCTAssertEqual(
            found("seen at Kendal and District General", .organisationLocal), ["Kendal and District General"])
        // Quiet: a town that begins with Royal, a general election, general as a word.
        XCTAssertEqual(found("moved to Royal Leamington Spa last year", .organisationLocal), [])
        XCTAssertEqual(found("Preston General Election turnout", .organisationLocal), [])
        XCTAssertEqual(found("in general wigan is fine", .organisationLocal), [])
    }

    func testAShortNameInQuotesAfterItsOrganisation() {
        XCTAssertEqual(
            found("P2 - mentor at Ashdown Fairley, kids call it \"Fairley\"", .organisationLocal),
            ["Ashdown Fairley", "Fairley"])
        XCTAssertEqual(
            found("P3 - works at Saint Brennock Academy, \"SBA\" for short", .organisationLocal),
            ["Saint Brennock Academy", "SBA"])
        // Quiet: a quote of other words after the name.
        XCTAssertEqual(
            found("P2 - mentor at Ashdown Fairley, the head said \"Fine\"", .organisationLocal), ["Ashdown Fairley"])
    }

    func testAPlacesServicesAndCourts() {
        XCTAssertEqual(found("all three known to Wigan CSC since 2019", .organisationLocal), ["Wigan CSC"])
        XCTAssertEqual(found("Rochdale YJS have their own hub", .organisationLocal), ["Rochdale YJS"])
        XCTAssertEqual(found("the DS from Pendleton CID came", .organisationLocal), ["Pendleton CID"])
        XCTAssertEqual(found("he was held at Wigan custody overnight", .organisationLocal), ["Wigan custody"])
        XCTAssertEqual(found("the bench at Bolton Magistrates was fine", .organisationLocal), ["Bolton Magistrates"])
        XCTAssertEqual(found("back at bolton youth court on friday", .organisationLocal), ["bolton youth court"])
        XCTAssertEqual(found("P4 - DS, Tarrow St Finbar's GAC", .organisationLocal), ["Tarrow St Finbar's GAC"])
        // Quiet: the service alone, a generic custody.
        XCTAssertEqual(found("he was held in police custody overnight", .organisationLocal), [])
        XCTAssertEqual(found("referred to CSC and the youth court", .organisationLocal), [])
    }

    func testAForceByItsAreaAndAHousingAssociationByItsTenancies() {
        XCTAssertEqual(found("and the Cumbria log was Log 5531", .organisationLocal), ["Cumbria"])
        XCTAssertEqual(found("P8 - housing officer, Penrhos tenancies", .organisationLocal), ["Penrhos tenancies"])
        XCTAssertEqual(found("Ana, Moorgate tenancy team, rang", .organisationLocal), ["Moorgate tenancy team"])
        // Quiet: a log of a kind, a tenancy of a person.
        XCTAssertEqual(found("the police log says 9pm", .organisationLocal), [])
        XCTAssertEqual(found("the Harker tenancy ended in May", .organisationLocal), [])
    }

    func testASaintsPossessiveInLowerCase() {
        XCTAssertEqual(found("mrs k at st cuthberts is a legend", .organisationLocal), ["st cuthberts"])
        XCTAssertEqual(found("st oswalds are good with him tbf", .organisationLocal), ["st oswalds"])
        // Quiet: a town, a street.
        XCTAssertEqual(found("we went to st helens on friday", .organisationLocal), [])
        XCTAssertEqual(found("she lives on st johns road now", .organisationLocal), [])
    }

    func testWelshHeadsBeforeTheirName() {
        XCTAssertEqual(
            found("SW, children's team Cyngor Ceredigion, 6 yrs", .organisationLocal), ["Cyngor Ceredigion"])
        XCTAssertEqual(found("she was admitted to Ysbyty Glan Clwyd", .organisationLocal), ["Ysbyty Glan Clwyd"])
        XCTAssertEqual(
            found("youth worker at Clwb Ieuenctid Penrhos, bilingual", .organisationLocal),
            ["Clwb Ieuenctid Penrhos"])
        // Quiet: the head alone in a sentence.
        XCTAssertEqual(found("the cyngor never rang back", .organisationLocal), [])
    }
}
