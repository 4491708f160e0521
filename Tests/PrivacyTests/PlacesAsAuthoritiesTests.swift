/// Places that stand for their council (session 17, rule 53). Sentences written for these tests, each beside a twin
/// where the same place is where someone is, goes or comes from, and stays a place or stays quiet.
import Foundation
import SessionModel
import XCTest

@testable import Privacy

final class PlacesAsAuthoritiesTests: XCTestCase, ScannerProbe {
    /// The rules alone: what the rule does, whatever the labeller's weights.
    let scanner = IdentifierScanner(labeller: nil)

    func testAPlaceThatActsIsItsCouncil() {
        assertFinds("Kofi was twelve, and Southwark put him in Knaresborough", "ORGANISATION_LOCAL:Southwark")
        assertFinds("P4: Wakefield refused the referral twice", "ORGANISATION_LOCAL:Wakefield")
        assertFinds("Bradford say they have no record of her", "ORGANISATION_LOCAL:Bradford")
        assertFinds("amara is back at Greenacres, Bradford finally sent someone", "ORGANISATION_LOCAL:Bradford")
        // Where someone goes or lives, or a place after a preposition, stays a place or quiet.
        assertNot("She moved to Leeds, said it was better there.", "ORGANISATION_LOCAL:Leeds")
        assertNot("lives in Southwark and says she likes it", "ORGANISATION_LOCAL:Southwark")
        assertNot("The girls from Rochdale said they felt safe", "ORGANISATION_LOCAL:Rochdale")
        assertNo(.organisationLocal, "Leeds put on a show for the kids last summer")
    }

    /// Session 18: a place as the subject of a plural verb is a body ("Merseyside are good on this"), and a council's
    /// verbs after a place in lower case ("gwent never came back") when the place is on no name list.
    func testAPlaceWithAPluralVerbOrInLowerCaseActingIsTheBody() {
        assertFinds("The police side. Merseyside are good on this now.", "ORGANISATION_LOCAL:Merseyside")
        assertFinds("P3: Powys were brilliant with her", "ORGANISATION_LOCAL:Powys")
        assertFinds("gwent never came back to us about it fyi", "ORGANISATION_LOCAL:gwent")
        assertFinds("honestly cardiff dont answer emails", "ORGANISATION_LOCAL:cardiff")
        // A place is "it"; two places joined are "they" as places; a lower-case name that is a town is a man.
        assertNot("Leeds is lovely in the summer", "ORGANISATION_LOCAL:Leeds")
        assertNo(.organisationLocal, "Leeds and Bradford are both big cities")
        assertNo(.organisationLocal, "barry said he would ring her")
        assertNo(.organisationLocal, "she went to Kent, came back on Sunday")
    }

    /// Session 18: who runs a home or places a child, named with a provider's word; the home named before it; a home
    /// named before "residential unit"; a house named in Welsh; a council's teams for missing and exploited children.
    func testAHomeAndTheProviderThatRunsItAreOrganisations() {
        assertFinds("he's at Meadow View now, run by Horizon Care", "ORGANISATION_LOCAL:Horizon Care")
        assertFinds("Meadow View, run by Horizon Care, is in Wrexham", "ORGANISATION_LOCAL:Meadow View")
        assertFinds("her placement with Fostering Plus broke down", "ORGANISATION_LOCAL:Fostering Plus")
        assertFinds("the Oaks residential unit in Walsall", "ORGANISATION_LOCAL:Oaks residential unit")
        assertFinds("the home is Tŷ Coch, up near Llanrwst", "ORGANISATION_LOCAL:Tŷ Coch", "LOCATION:Llanrwst")
        assertFinds("Southwark's missing team didn't do the RHI", "ORGANISATION_LOCAL:Southwark")
        assertFinds("Eleri went to Rhydaman with an older male", "LOCATION:Rhydaman")
        assertFinds("staying at the Crown Inn with him", "ORGANISATION_LOCAL:Crown Inn")
        assertNo(.organisationLocal, "the Inn was shut by then")
        // A man who runs something, a child placed with a person, "Ty" as a name: no organisation.
        assertNo(.organisationLocal, "the group is run by Dave from the estate")
        assertNo(.organisationLocal, "her placement with Mary Clarke broke down")
        assertNo(.organisationLocal, "Ty Jones is 15 and at home")
    }

    func testAPlaceBeforeItsCouncilsServicesIsTheCouncil() {
        assertFinds("moved to a Kirklees IFA placement", "ORGANISATION_LOCAL:Kirklees")
        assertFinds("the southwark sw never rang back", "ORGANISATION_LOCAL:southwark")
        assertFinds("can someone put the Hampshire placement team email in chat", "ORGANISATION_LOCAL:Hampshire")
        assertFinds("mum rang Blackburn with Darwen front door three times", "ORGANISATION_LOCAL:Blackburn with Darwen")
        // A phone line of the place's is no organisation by these words.
        assertNo(.organisationLocal, "Cardiff duty line 029 2018 0593")
    }

    func testAPlaceAfterAWordOfItsCaseloadOrStaffIsTheCouncil() {
        assertFinds("he was placed in Kent by Leeds", "ORGANISATION_LOCAL:Leeds", "LOCATION:Kent")
        assertFinds("she is known to Wigan, the placement team at Southwark", "ORGANISATION_LOCAL:Wigan")
        assertFinds("the placement team at Southwark had never heard of it", "ORGANISATION_LOCAL:Southwark")
        assertFinds("missing protocol differs, Calderdale v Bradford council", "ORGANISATION_LOCAL:Calderdale")
        assertNo(.organisationLocal, "he went to Leeds by train")
    }

    func testALocalAuthoritysNameOfSeveralWordsIsWholeWithItsHead() {
        assertFinds(
            "licensed with Blackburn with Darwen Council, which helped",
            "ORGANISATION_LOCAL:Blackburn with Darwen Council")
        assertFinds("Redcar and Cleveland CSC had him", "ORGANISATION_LOCAL:Redcar and Cleveland CSC")
        assertFinds("she lives in Telford and Wrekin now", "LOCATION:Telford and Wrekin")
    }

    func testATeamOrServiceOfTwoPlacesJoinedIsTheirCouncils() {
        assertFinds(
            "the Hounslow and Hillingdon teams see most of the airport kids", "ORGANISATION_LOCAL:Hounslow",
            "ORGANISATION_LOCAL:Hillingdon")
        assertFinds("P2 (Luton social care), P3 (football)", "ORGANISATION_LOCAL:Luton social care")
        assertNot("she was born in Luton, social care never knew", "ORGANISATION_LOCAL:Luton")
    }

    // Organisations with their place inside the name (OrganisationsWithTheirPlace.swift).

    func testABranchNamedWithItsTownAfterTheHeadIsOneOrganisation() {
        assertFinds("he was at Harris Academy Peckham til year 11", "ORGANISATION_LOCAL:Harris Academy Peckham")
        assertFinds(
            "a safeguarding lead at Guru Nanak Gurdwara Smethwick now",
            "ORGANISATION_LOCAL:Guru Nanak Gurdwara Smethwick")
        // A town followed by another capitalised word is a name of its own; the organisation stays as it was.
        assertNot("he was at Harris Academy Peckham Rye", "ORGANISATION_LOCAL:Harris Academy Peckham")
    }

    func testATownsBodyNamedWithEverydayWordsIsOneOrganisation() {
        assertFinds(
            "She came in to Blackburn Central Police Station with the phone",
            "ORGANISATION_LOCAL:Blackburn Central Police Station")
        assertFinds(
            "Dewsbury and District Hospital A&E - seen twice", "ORGANISATION_LOCAL:Dewsbury and District Hospital")
        assertFinds("Wednesbury Young Carers Project", "ORGANISATION_LOCAL:Wednesbury Young Carers Project")
        // A railway station is a place, and a town before one capitalised head is left to the organisation rules.
        assertNo(.organisationLocal, "found her at Leeds City Station on Friday")
    }

    func testAPoliceStationByItsStreetOrItsOwnWord() {
        assertFinds("P5 - PSNI neighbourhood officer, Strand Road station", "ORGANISATION_LOCAL:Strand Road station")
        assertFinds("P8 - PSNI, Musgrave station public protection", "ORGANISATION_LOCAL:Musgrave station")
        assertFinds("Rob is great, worked with him at Elland Rd nick", "ORGANISATION_LOCAL:Elland Rd")
        // A town's station is the railway's; with no police in the talk a station is a station.
        assertNo(.organisationLocal, "she was found at Leeds station by the police")
        assertNo(.organisationLocal, "we met at Victoria station")
    }

    // Providers named after their kind (ProvidersNamedAfterTheirKind.swift).

    func testAProviderLandlordOrAgencyNamedAfterItsKindIsTheOrganisation() {
        assertFinds(
            "supported living - provider Mersey Horizons, house in Anfield", "ORGANISATION_LOCAL:Mersey Horizons")
        assertFinds("The housing association, Pennine Homes, they moved her", "ORGANISATION_LOCAL:Pennine Homes")
        assertFinds("her fostering agency is Horizon Care", "ORGANISATION_LOCAL:Horizon Care")
        // One word that is a name or a town after the kind is a person or a place.
        assertNo(.organisationLocal, "the provider, Sarah, rang me back")
        assertNo(.organisationLocal, "Tomasz update - landlord Kaminski arrested this morning")
    }
}
