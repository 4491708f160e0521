/// Places and local organisations named with little or no cue (session 10, `places6`; `LocalNames.swift`): one test
/// per class, with sentences written for these tests (not taken from any corpus), and the traps each rule must keep
/// quiet on.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class LocalNameTests: XCTestCase, ScannerProbe {
    /// The rules alone: the sequence labeller (another branch's work) may add `possible` findings of its own.
    let rules = IdentifierScanner(labeller: nil)
    var scanner: IdentifierScanner { rules }

    /// A school named short after a cue only a school takes: who works or learns there, what happens to a pupil.
    func testSchoolsNamedShortAfterASchoolsCue() {
        assertFinds("her head of year at Brantwood said she'd been missing lessons", "ORGANISATION_LOCAL:Brantwood")
        assertFinds("he's in year 9 at Harrowdene now", "ORGANISATION_LOCAL:Harrowdene")
        assertFinds("the DSL at Carrowmore rang me back", "ORGANISATION_LOCAL:Carrowmore")
        assertFinds("permanently excluded from Lindley Vale in March", "ORGANISATION_LOCAL:Lindley Vale")
        assertFinds("she attends Bishop Hedley most days", "ORGANISATION_LOCAL:Bishop Hedley")
        assertFinds("he was a pupil at Kingsholme till the move", "ORGANISATION_LOCAL:Kingsholme")
        // A surname-shaped school name is the school after such a cue, not a person.
        assertFinds("excluded from Ridgeway twice", "ORGANISATION_LOCAL:Ridgeway")
        assertNo(.person, "excluded from Ridgeway twice")
        // Traps: a lesson, a day, a big city, a person's cue, a school with its head found whole.
        assertNo(.organisationLocal, "she was excluded from PE and from Monday's trip")
        assertNo(.organisationLocal, "they were excluded from London's figures")
        assertNo(.organisationLocal, "the head at the meeting was new")
        assertFinds("excluded from Castlebrook High in year 8", "ORGANISATION_LOCAL:Castlebrook High")
    }

    /// A saint's name with its possessive is a school, church or hospital named short; a street, a day or a district
    /// after it is not.
    func testSaintsPossessivesNamedShort() {
        assertFinds("she's been at St Bede's since September", "ORGANISATION_LOCAL:St Bede's")
        assertFinds("we rang St Aidan's and they said no", "ORGANISATION_LOCAL:St Aidan's")
        assertNo(.organisationLocal, "they live on St Mary's Road")
        assertNo(.organisationLocal, "it was on St Patrick's Day")
    }

    /// "the Grange", "the Larches": a house name after "the" where someone is, goes or comes from.
    func testInstitutionsNamedAfterHouses() {
        assertFinds("she was moved to the Larches for six weeks", "ORGANISATION_LOCAL:Larches")
        assertFinds("he's been at the Grange since the summer", "ORGANISATION_LOCAL:Grange")
        assertNo(.organisationLocal, "The Grange was quiet, she said")
        assertNo(.organisationLocal, "we planted limes at the back")
        assertNo(.organisationLocal, "they met at the Grange Estate shops")
    }

    /// A pasted record's field that holds an organisation: the value up to the next field.
    func testOrganisationFieldsInRecords() {
        let record = "Name: Tyler Brook  DOB: 03/04/2011  School: Hallowfield  Address: 12 Elm Road"
        assertFinds(record, "ORGANISATION_LOCAL:Hallowfield")
        assertFinds("Education - Tollbridge Academy\nGP surgery: Meadowcroft", "ORGANISATION_LOCAL:Meadowcroft")
        assertFinds("Education - Tollbridge Academy", "ORGANISATION_LOCAL:Tollbridge Academy")
        // A person in a surgery's field is a person; a field with nothing named is nothing.
        assertNo(.organisationLocal, "GP: Dr Shah")
        assertNo(.organisationLocal, "School: not in education")
        assertNo(.organisationLocal, "the school - as ever - was slow")
    }

    /// An organisation found whole, then named short in the same text.
    func testOrganisationsSaidShortAfterAFullMention() {
        let text = "she went to Thornleigh Academy until year 9 and then Thornleigh excluded her"
        XCTAssertEqual(
            labels(text).filter { $0.hasPrefix("ORGANISATION_LOCAL") },
            ["ORGANISATION_LOCAL:Thornleigh Academy", "ORGANISATION_LOCAL:Thornleigh"])
        assertFinds(
            "he started at the Pinewood PRU in May and Pinewood say he's settled", "ORGANISATION_LOCAL:Pinewood")
        // A town's service said short is the town; the name before a street is a street.
        XCTAssertFalse(labels("Wigan YOT have him; Wigan is where his dad lives").contains("ORGANISATION_LOCAL:Wigan"))
        XCTAssertEqual(
            labels("Thornleigh Academy is on Thornleigh Road").filter { $0.hasPrefix("ORGANISATION_LOCAL") },
            ["ORGANISATION_LOCAL:Thornleigh Academy"])
    }

    /// Councils and youth offending teams by their place, in lower case or in a note typed in capitals.
    func testServicesOfAPlaceInAnyCase() {
        assertFinds("referred to kirklees council early help", "ORGANISATION_LOCAL:kirklees council")
        assertFinds("CONNOR 16 - NOW ON WIGAN YOT ORDER", "ORGANISATION_LOCAL:WIGAN YOT")
        assertNo(.organisationLocal, "the local council said no")
        assertNo(.organisationLocal, "the town council meets monthly")
    }

    /// A village on no list after an adverb of place that follows being, living or going.
    func testPlacesAfterAdverbsOfPlace() {
        assertFinds("she lives up Hallbrook with her nan", "LOCATION:Hallbrook")
        assertFinds("he's always over Greystanes with them lads", "LOCATION:Greystanes")
        assertNo(.location, "we picked up Zorvek after school")
        assertNo(.location, "she handed over Kiandra's phone")
        assertNo(.location, "he was up Tuesday night again")
    }

    /// A place found (a street, a district), then a school's or surgery's head: the organisation, whole.
    func testOrganisationsAfterTheirPlace() {
        assertFinds("his GP at Mill Lane Surgery in Batley never heard", "ORGANISATION_LOCAL:Mill Lane Surgery")
        assertFinds("she's at thornbury park girls academy now", "ORGANISATION_LOCAL:thornbury park girls academy")
        assertFinds("waiting outside fenwick rd academy", "ORGANISATION_LOCAL:fenwick rd academy")
        assertFinds("the Fenwick Road practice rang back", "ORGANISATION_LOCAL:Fenwick Road practice")
        assertFinds("missing twice from Hollins Acad", "ORGANISATION_LOCAL:Hollins Acad")
        assertNo(.location, "his GP at Mill Lane Surgery never heard")
        // Traps: a town as a kind of school, a street's word in lower case, the head before the street.
        assertNo(.organisationLocal, "a Wakefield school said no to it")
        assertNo(.organisationLocal, "every Barnsley academy got the same letter")
        assertNo(.organisationLocal, "we walked past the high street school gates")
        assertNo(.organisationLocal, "Leeds schools are stretched")
        XCTAssertEqual(labels("she was at the practice on Mill Lane"), ["LOCATION:Mill Lane"])
    }

    /// A big city straight after a district found in it is part of where that is; not a city alone or in a list.
    func testCitiesAfterTheirDistricts() {
        assertFinds("Dalia 14, Gorbals, Glasgow, missing twice", "LOCATION:Glasgow")
        assertFinds("she grew up in bulwell nottingham with her nan", "LOCATION:nottingham")
        assertFinds("Kai 15 -> found at Gorbals/Glasgow", "LOCATION:Glasgow")
        assertNo(.location, "Leeds, Bradford and York all said the same")
        assertNo(.location, "CSE in Manchester is different")
        // "The exclusion was from": a pupil's exclusion, however said, names the school.
        assertFinds("the exclusion was from Hawkesley, permanent", "ORGANISATION_LOCAL:Hawkesley")
    }

    /// A kind of organisation, `was`/`is`/`=`, then its name: capitalised, or lower case ending in a head.
    func testOrganisationsNamedAfterTheirKind() {
        assertFinds("the twins' school was All Souls Heywood", "ORGANISATION_LOCAL:All Souls Heywood")
        assertFinds("her home is Brackenridge these days", "ORGANISATION_LOCAL:Brackenridge")
        assertFinds("PRU = bright futures learning centre", "ORGANISATION_LOCAL:bright futures learning centre")
        // Traps: an adjective, a big city, a day, a given name's possessive.
        assertNo(.organisationLocal, "the school was great about it")
        assertNo(.organisationLocal, "the school was Leeds based")
        assertNo(.organisationLocal, "the PRU is Monday to Friday")
        assertNo(.organisationLocal, "his school was Kayleigh's too")
    }

    /// Forces named by two places in lower case, and housing partnerships by their place.
    func testForcesAndHousingByTheirPlaces() {
        assertFinds("log it with devon & cornwall police", "ORGANISATION_LOCAL:devon & cornwall police")
        assertFinds("a flat via ealing housing partnership", "ORGANISATION_LOCAL:ealing housing partnership")
        assertNo(.organisationLocal, "Devon and Cornwall are lovely in May")
        assertNo(.organisationLocal, "the local housing association said no")
    }

    /// A house number before a building's name and a place after it is an address, not the organisation in it.
    func testBuildingNamesInAddresses() {
        assertNo(.organisationLocal, "Address 12 Hartley Centre, Bolton BL1 4AB")
        // An age after a name is no house number.
        assertFinds("Kayleigh 15 Hartley Centre, Bolton most nights", "ORGANISATION_LOCAL:Hartley Centre")
        assertFinds("she goes to Hartley Centre youth nights", "ORGANISATION_LOCAL:Hartley Centre")
    }

    /// Session 12 (`orgs8`): an organisation's own name that is an everyday word or a town, said again in the same
    /// text where it stands as a name, is that organisation; not where it is a place or a word.
    func testAnEverydayWordOrTownShortNameSaidAgainInTheSameText() {
        assertFinds(
            "Jo was at the Larchmont (she said Thistle Academy at first, then just the Thistle)",
            "ORGANISATION_LOCAL:Thistle")
        assertFinds("Brightwell Primary rang, and Brightwell's head came too", "ORGANISATION_LOCAL:Brightwell")
        // Traps: the everyday word in lower case or after another determiner.
        assertNo(.organisationLocal, "a thistle grew by the gate, and this Thistle was purple")
    }

    /// A saint's possessive with a church school's mark ("St Joseph's RC", "St Anne's C of E") is the school, whole.
    func testSaintsPossessiveWithAChurchMark() {
        assertFinds("he's at St Cuthbert's RC now", "ORGANISATION_LOCAL:St Cuthbert's RC")
        assertFinds("she was at St Anne's C of E till year 4", "ORGANISATION_LOCAL:St Anne's C of E")
        assertNo(.organisationLocal, "they live on St Cuthbert's Road")
    }

    /// A town and a hospital's adjective after a place preposition is the hospital named short.
    func testHospitalsNamedShortByTheirTown() {
        assertFinds("the midwife at Hull Royal said so", "ORGANISATION_LOCAL:Hull Royal")
        assertFinds("she was in Salford Royal for a week", "ORGANISATION_LOCAL:Salford Royal")
        // Traps: no preposition before, a noun after.
        assertNo(.organisationLocal, "Hull Royal wedding photos were everywhere")
        assertNo(.organisationLocal, "we sent it to Leeds General meetings")
    }

    /// A house's or centre's name after a naming verb that follows a kind of place.
    func testOrganisationsCalledByTheirName() {
        assertFinds("there's a drop in called the hub on the high street", "ORGANISATION_LOCAL:hub")
        assertFinds("a unit known as the Larches took him", "ORGANISATION_LOCAL:Larches")
        // Traps: no kind of place before; a name that goes on.
        assertNo(.organisationLocal, "what they called the hub of the problem")
        assertNo(.organisationLocal, "a club called the Grange Road Runners")
    }

    /// After a cue only a school takes, "the" and a word on no list is the school named short.
    func testSchoolsNamedShortAfterThe() {
        assertFinds("she was excluded from the brackenhurst in yr 9", "ORGANISATION_LOCAL:brackenhurst")
        assertFinds("he attends the Brackenhurst most days", "ORGANISATION_LOCAL:Brackenhurst")
        // Traps: an everyday word, a name that goes on.
        assertNo(.organisationLocal, "she was excluded from the unit in yr 9")
        assertNo(.organisationLocal, "he attends the Brackenhurst Road clinic")
    }
}
