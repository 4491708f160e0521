/// Local organisations named where young people gather (LocalNames.swift, PlaceRecognisers.swift, issue 18, session
/// 13, `orgs9`): a name on no list straight after "at", a hotel's or a place of worship's head before or after its
/// name, and the items of a note heading that lists organisations. Each shape has a twin that stays quiet. Written for
/// these tests, not taken from any corpus.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class PlacesPeopleGatherAtTests: XCTestCase, ScannerProbe {
    let scanner = IdentifierScanner()

    func testANameOnNoListAfterAtIsWhereSomeoneIsAt() {
        XCTAssertEqual(
            found("a 14 year old at Quarrendale and another at Pellow Rise", .organisationLocal), ["Quarrendale"])
        XCTAssertEqual(found("she's at Thornavon now, moved in Sept", .organisationLocal), ["Thornavon"])
        XCTAssertEqual(found("P2 - Shaz @ Brackendell has the list", .organisationLocal), ["Brackendell"])
        XCTAssertEqual(found("they wait outside Kellingworth most days", .organisationLocal), ["Kellingworth"])
        XCTAssertEqual(found("the lads hang at Kellingworth after school", .organisationLocal), ["Kellingworth"])
        // Quiet: where something was seen or someone lives, a name before a station or gates, a possessive, a town.
        XCTAssertEqual(found("yp seen at Quarrendale with older males", .organisationLocal), [])
        XCTAssertEqual(found("she lives at Thornavon with her nan", .organisationLocal), [])
        XCTAssertEqual(found("hanging about at Kellingworth station late", .organisationLocal), [])
        XCTAssertEqual(found("they meet at Brackendell gates after school", .organisationLocal), [])
        XCTAssertEqual(found("a party at Tiana's on Friday", .organisationLocal), [])
        XCTAssertEqual(found("a 14 year old at Leeds with a knife", .organisationLocal), [])
        XCTAssertEqual(found("picked up at Hollowmere Park", .organisationLocal), [])
    }

    func testAHotelOrAPlaceOfWorshipNamedByItsHead() {
        XCTAssertEqual(
            found("the Hotel Brantwell by the tram stop was flagged", .organisationLocal), ["Hotel Brantwell"])
        XCTAssertEqual(
            found("Masjid-e-Noorani on Chapel Rd runs a youth night", .organisationLocal), ["Masjid-e-Noorani"])
        XCTAssertEqual(found("Masjid Al-Rahma on Eagle St has boxing", .organisationLocal), ["Masjid Al-Rahma"])
        XCTAssertEqual(
            found("mum works nights at the Fernhill Court hotel", .organisationLocal), ["Fernhill Court hotel"])
        XCTAssertEqual(found("Guru Tegh gurdwara in the town centre", .organisationLocal), ["Guru Tegh gurdwara"])
        XCTAssertEqual(
            found("the lads hang about at Zafar's Chicken till late", .organisationLocal), ["Zafar's Chicken"])
        XCTAssertEqual(found("coach at Sinclair's ABC says no", .organisationLocal), ["Sinclair's ABC"])
        // Quiet: a head alone or after a word that makes it a kind, a town's hotel.
        XCTAssertEqual(found("she was placed in a hotel for two nights", .organisationLocal), [])
        XCTAssertEqual(found("the mosque and the gurdwara both run youth nights", .organisationLocal), [])
        XCTAssertEqual(found("Hotel Street is where they park", .organisationLocal), [])
    }

    func testTheItemsUnderAHeadingThatListsOrganisations() {
        XCTAssertEqual(
            found("schools named: Quarrendale, KHS, Brackendell, Oasis (PRU)", .organisationLocal),
            ["Quarrendale", "KHS", "Brackendell", "Oasis"])
        XCTAssertEqual(found("orgs added: BTW, Fernhill Arches", .organisationLocal), ["BTW", "Fernhill Arches"])
        // Quiet: remarks, lower case, a town, a service.
        XCTAssertEqual(found("schools: Mixed picture, Some good", .organisationLocal), [])
        XCTAssertEqual(found("schools: all fine, no concerns", .organisationLocal), [])
        XCTAssertEqual(found("schools: Leeds, Bradford", .organisationLocal), [])
        XCTAssertEqual(found("hotels: Police, Health", .organisationLocal), [])
        // The list ends where a remark starts: a person named after it is no organisation.
        XCTAssertEqual(
            found(
                "schools named: Quarrendale, KHS (PRU) - lives in Leeds, Gary Nuttall, forty-one", .organisationLocal),
            ["Quarrendale", "KHS"])
    }

    func testAnUnlistedWordShapedLikeAPlaceIsAPlaceNotAPossiblePerson() {
        XCTAssertEqual(
            found("The housing officer on Brindleshaw, Dev, he knew every door.", .location), ["Brindleshaw"])
        XCTAssertEqual(
            found("P3 - early help, mainly Brindleshaw + Cowlersley", .location), ["Brindleshaw", "Cowlersley"])
        XCTAssertEqual(found("P3 - early help, mainly Brindleshaw + Cowlersley", .person), [])
        // Quiet: after a title or a given name, before a possessive: a person.
        XCTAssertEqual(found("Mrs Tansworth came in to see us", .person), ["Mrs Tansworth"])
        XCTAssertEqual(found("Tansworth's mum rang the duty line", .person), ["Tansworth"])
        XCTAssertEqual(found("we told Kian Brindleshaw about it", .person), ["Kian Brindleshaw"])
    }

    func testHeadsAndPlacesWrittenShortInNotes() {
        XCTAssertEqual(found("Macy yr 7 at St Wilfrids", .organisationLocal), ["St Wilfrids"])
        XCTAssertEqual(found("Kelby Sch DSL good", .organisationLocal), ["Kelby Sch"])
        XCTAssertEqual(found("youth wkr @ Brantwell Boxing knew first", .organisationLocal), ["Brantwell Boxing"])
        XCTAssertEqual(found("TH 15 -> Bpool, found on the front", .location), ["Bpool"])
        // Quiet: a saint's town, a street, a county written short with nobody tied to it.
        XCTAssertEqual(found("she was at St Helens with him", .organisationLocal), [])
        XCTAssertEqual(found("St Georges Road is closed", .organisationLocal), [])
        XCTAssertEqual(found("Leics: dessert places late at night", .person), [])
        XCTAssertEqual(found("Leics: dessert places late at night", .location), [])
    }

    func testInitialsOfAHomeOrTeamAfterItsNameAndAGivenNameAfterIn() {
        XCTAssertEqual(found("placed Brantwell CH, Pudsey", .organisationLocal), ["Brantwell CH"])
        XCTAssertEqual(found("she rang Kelby NPT every single night", .organisationLocal), ["Kelby NPT"])
        XCTAssertEqual(
            found("The firm was Quarrendale Cars, everyone knows them", .organisationLocal), ["Quarrendale Cars"])
        XCTAssertEqual(found("a children's home in Shirley, out of area", .location), ["Shirley"])
        XCTAssertEqual(found("a children's home in Shirley, out of area", .person), [])
        // Quiet: a possessive, a full name, a name opening a sentence.
        XCTAssertEqual(found("she was in Kayleigh's room", .person), ["Kayleigh"])
        XCTAssertEqual(found("we sat in with Kayleigh Brown", .location), [])
    }
}
