/// Special-category data (GDPR Art. 9): health, ethnicity, religion, politics,
/// trade-union membership, sex life or orientation. Not identifiers, so never
/// redacted or turned into a placeholder (the model refuses it), but shown to
/// the reviewer and usable by the implicit-identification check: with a rare
/// role or a small place, such a detail can point at one person.
import Foundation
import SessionModel

extension ScanContext {
    /// One-word mentions, folded lower case.
    static let specialWords: Set<String> = Vocab.set(
        """
        adhd autism autistic asd aspergers asperger dyslexia dyslexic dyspraxia depression depressed anxiety ptsd bipolar schizophrenia
        schizophrenic psychosis psychotic selfharm self-harm overdose overdosed suicidal suicide epilepsy epileptic diabetes diabetic
        asthma asthmatic hiv aids pregnant pregnancy miscarriage miscarried abortion sti chlamydia gonorrhoea syphilis disabled disability
        fasd anorexia anorexic bulimia bulimic ocd sectioned methadone heroin addiction addicted alcoholic cancer chemo dementia
        muslim muslims christian christians jewish jew sikh sikhs hindu hindus buddhist catholic catholics protestant atheist mosque
        madrassa madrasa synagogue gurdwara imam rabbi hijab niqab quran koran islam islamic
        gay lesbian bisexual transgender trans lgbt lgbtq lgbtqia queer nonbinary non-binary sexuality
        labour tory tories conservative conservatives ukip snp plaid libdem libdems
        unison gmb nasuwt
        roma romany gypsy traveller travellers ethnicity ethnic heritage
        """
    ).union(Vocab.nationalities)

    /// Two-word mentions ("mental health", "trade union", "mixed race").
    static let specialPairs: Set<String> = Vocab.set(
        """
        mental_health eating_disorder learning_disability learning_difficulties self_harm trade_union union_rep union_member
        mixed_race mixed_heritage black_british white_british asian_british far_right lib_dem green_party reform_uk
        cerebral_palsy sexual_health gender_identity
        """)

    mutating func findSpecialCategories() {
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard info[i].kind == .word else { continue }
            let k = tokens[i].key
            if let n = tok(i + 1), n.kind == .word || n.text == "-", let m = n.text == "-" ? tok(i + 2) : n {
                let pair = k + "_" + m.key
                if Self.specialPairs.contains(pair) {
                    let e = n.text == "-" ? i + 2 : i + 1
                    add(.specialCategory, tokens: i, e)
                    i = e
                    continue
                }
            }
            // "Black", "White", "Asian" only as a description of people ("a Black lad", "White British").
            if k.isOne(of: ["black", "white", "asian"]), info[i].capitalised, let n = tok(i + 1),
                Vocab.relations.contains(n.key) || Vocab.personNouns.contains(n.key)
                    || [
                        "british", "african", "caribbean", "family", "families", "men", "women", "girls", "boys",
                        "lads",
                    ].contains(n.key)
            {
                add(.specialCategory, tokens: i, i)
                continue
            }
            if Self.specialWords.contains(k) { add(.specialCategory, tokens: i, i) }
        }
    }
}
