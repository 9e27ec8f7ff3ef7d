//! The dermatology coding facts the procedure checks interpret: site groups, size bands,
//! code tables, diagnosis families and definitional unit limits, loaded once from
//! `rules/facts/derm-*.json` (each file cites its sources).
//!
//! The files are parsed once per process into typed tables; a check's hot path only
//! indexes them.

use crate::length::Length;
use crate::model::Site;
use rustc_hash::FxHashMap;
use serde_json::Value;
use std::cell::RefCell;
use std::sync::OnceLock;

const SITE_GROUPS: &str = embedded_rules_file!("facts/derm-site-groups.json");
const LESION_REMOVAL: &str = embedded_rules_file!("facts/derm-lesion-removal.json");
const REPAIR: &str = embedded_rules_file!("facts/derm-repair.json");
const BIOPSY: &str = embedded_rules_file!("facts/derm-biopsy.json");
const COUNTED: &str = embedded_rules_file!("facts/derm-counted.json");
const MOHS: &str = embedded_rules_file!("facts/derm-mohs.json");
const DIAGNOSES: &str = embedded_rules_file!("facts/derm-diagnoses.json");
const UNIT_LIMITS: &str = embedded_rules_file!("facts/derm-unit-limits.json");
const EXCLUSIVE: &str = embedded_rules_file!("facts/derm-exclusive.json");

/// Site group for excision, shave removal and malignant destruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LesionGroup {
    /// trunk, arms, legs
    Tal,
    /// scalp, neck, hands, feet, genitalia
    Snhfg,
    /// face, ears, eyelids, nose, lips, mucous membrane
    Face,
}

impl LesionGroup {
    pub fn label(self) -> &'static str {
        match self {
            LesionGroup::Tal => "trunk/arms/legs",
            LesionGroup::Snhfg => "scalp/neck/hands/feet/genitalia",
            LesionGroup::Face => "face/ears/eyelids/nose/lips/mucous membrane",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MohsGroup {
    Head,
    Trunk,
}

#[derive(Clone, Debug)]
pub struct SiteGroups {
    pub lesion: LesionGroup,
    pub simple_repair: String,
    pub intermediate_repair: String,
    /// None: the site word is too vague for a complex repair code.
    pub complex_repair: Option<String>,
    pub mohs: MohsGroup,
}

/// Codes for the three lesion site groups, one per band.
#[derive(Clone, Debug)]
pub struct GroupCodes {
    pub tal: Vec<String>,
    pub snhfg: Vec<String>,
    pub face: Vec<String>,
}

impl GroupCodes {
    pub fn for_group(&self, group: LesionGroup) -> &[String] {
        match group {
            LesionGroup::Tal => &self.tal,
            LesionGroup::Snhfg => &self.snhfg,
            LesionGroup::Face => &self.face,
        }
    }
}

/// Upper band bounds (inclusive); `None` = no upper bound (the last band).
#[derive(Clone, Debug)]
pub struct Bands(Vec<Option<Length>>);

impl Bands {
    /// Index of the band a size falls in: bands are closed on the right, so 1.0 is in
    /// "0.6-1.0" and 1.01 in "1.1-2.0".
    pub fn index(&self, size: Length) -> usize {
        self.0.iter().position(|up| up.is_none_or(|u| size <= u)).unwrap_or(self.0.len() - 1)
    }

    /// "1.1-2.0 cm", "0.5 cm or less", "over 4.0 cm" for band `i`.
    pub fn describe(&self, i: usize) -> String {
        let lower = if i == 0 { None } else { self.0[i - 1] };
        match (lower, self.0[i]) {
            (None, Some(u)) => format!("{u} cm or less"),
            (Some(l), Some(u)) => format!("over {l} up to {u} cm"),
            (Some(l), None) => format!("over {l} cm"),
            (None, None) => "any size".to_string(),
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A banded table whose bands carry their own codes (repairs).
#[derive(Clone, Debug)]
pub struct BandedCodes {
    pub bands: Bands,
    pub codes: Vec<String>,
}

impl BandedCodes {
    pub fn code_for(&self, size: Length) -> (&str, usize) {
        let i = self.bands.index(size);
        (&self.codes[i], i)
    }
}

#[derive(Clone, Debug)]
pub struct BandedGroups {
    pub bands: Bands,
    pub codes: GroupCodes,
}

impl BandedGroups {
    pub fn code_for(&self, group: LesionGroup, size: Length) -> (&str, usize) {
        let i = self.bands.index(size);
        (&self.codes.for_group(group)[i], i)
    }
}

#[derive(Clone, Debug)]
pub struct ComplexGroup {
    pub first: String,
    pub second: String,
    pub add_on: String,
}

#[derive(Clone, Debug)]
pub struct ComplexRepair {
    /// Complex repair codes start over this length.
    pub over: Length,
    pub first_up_to: Length,
    pub second_up_to: Length,
    pub add_on_step: Length,
    pub groups: FxHashMap<String, ComplexGroup>,
}

#[derive(Clone, Debug)]
pub struct Technique {
    pub primary: String,
    pub add_on: String,
    pub rank: u8,
}

#[derive(Clone, Debug)]
pub struct PremalignantDestruction {
    pub first: String,
    pub add_on: String,
    pub add_on_through_lesion: u32,
    pub many: String,
    pub many_from: u32,
}

#[derive(Clone, Debug)]
pub struct FewOrMany {
    pub few: String,
    pub few_up_to: u32,
    pub many: String,
}

#[derive(Clone, Debug)]
pub struct SkinTags {
    pub first: String,
    pub first_up_to: u32,
    pub add_on: String,
    pub add_on_step: u32,
}

#[derive(Clone, Debug)]
pub struct IncisionDrainage {
    pub simple: String,
    pub complicated: String,
}

#[derive(Clone, Debug)]
pub struct MohsStages {
    pub first_stage: String,
    pub additional_stage: String,
}

#[derive(Clone, Debug)]
pub struct Mohs {
    pub head: MohsStages,
    pub trunk: MohsStages,
    pub additional_block: String,
    pub blocks_included_per_stage: u32,
}

impl Mohs {
    pub fn stages_for(&self, group: MohsGroup) -> &MohsStages {
        match group {
            MohsGroup::Head => &self.head,
            MohsGroup::Trunk => &self.trunk,
        }
    }
}

/// ICD-10-CM code prefixes, stored without the dot and upper case.
#[derive(Clone, Debug, Default)]
pub struct CodePrefixes(Vec<String>);

impl CodePrefixes {
    fn new(list: Vec<String>) -> CodePrefixes {
        CodePrefixes(list.iter().map(|c| undotted(c)).collect())
    }

    /// Whether `code` (with or without the dot, any case) falls under one of the prefixes.
    pub fn contains(&self, code: &str) -> bool {
        let mut buf = [0u8; 8];
        let Some(code) = undotted_into(code, &mut buf) else { return false };
        // The first byte decides most prefixes without a string comparison.
        let first = code.as_bytes().first();
        self.0.iter().any(|p| p.as_bytes().first() == first && code.starts_with(p.as_str()))
    }
}

fn undotted(code: &str) -> String {
    code.trim().chars().filter(|c| *c != '.').map(|c| c.to_ascii_uppercase()).collect()
}

/// Upper-cases and drops the dot without allocating; None when the code is too long to
/// be an ICD-10-CM code.
fn undotted_into<'a>(code: &str, buf: &'a mut [u8; 8]) -> Option<&'a str> {
    let mut n = 0;
    for b in code.trim().bytes() {
        if b == b'.' {
            continue;
        }
        if n == buf.len() {
            return None;
        }
        buf[n] = b.to_ascii_uppercase();
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

#[derive(Clone, Debug)]
pub struct BenignLesionLcd {
    pub lesions: CodePrefixes,
    pub indication_diagnoses: CodePrefixes,
    pub indication_symptom_stems: Vec<String>,
    /// Sorted (looked up with `covers_code`).
    pub codes: Vec<String>,
}

impl BenignLesionLcd {
    /// Whether the LCD lists the billed procedure code.
    pub fn covers_code(&self, code: &str) -> bool {
        self.codes.binary_search_by(|c| c.as_str().cmp(code)).is_ok()
    }

    /// Whether a documented symptom is an LCD indication: it contains, in lower case, one
    /// of the indication stems ("bleeding", "Intense itching", "catches on clothing").
    /// Symptoms are free words, so matching by stem errs toward no finding.
    pub fn is_indication(&self, symptom: &str) -> bool {
        let lower = symptom.to_lowercase();
        self.indication_symptom_stems.iter().any(|stem| lower.contains(stem.as_str()))
    }
}

#[derive(Clone, Debug)]
pub struct Diagnoses {
    pub malignant: CodePrefixes,
    pub in_situ: CodePrefixes,
    pub premalignant: CodePrefixes,
    pub benign_destruction: CodePrefixes,
    pub benign_lesion_lcd: BenignLesionLcd,
}

impl Diagnoses {
    /// Malignant neoplasm of skin (incl. cutaneous lymphoma) or in situ.
    pub fn is_malignant_or_in_situ(&self, code: &str) -> bool {
        self.malignant.contains(code) || self.in_situ.contains(code)
    }
}

/// The lesion class a code family or a diagnosis stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LesionClass {
    Benign,
    Premalignant,
    Malignant,
}

pub struct DermFacts {
    sites: Vec<SiteGroups>,
    pub excision_benign: BandedGroups,
    pub excision_malignant: BandedGroups,
    pub shave: BandedGroups,
    pub malignant_destruction: BandedGroups,
    pub simple_repair: FxHashMap<String, BandedCodes>,
    pub intermediate_repair: FxHashMap<String, BandedCodes>,
    pub complex_repair: ComplexRepair,
    /// tangential, punch, incisional
    pub biopsy: [Technique; 3],
    pub premalignant_destruction: PremalignantDestruction,
    pub benign_destruction: FewOrMany,
    pub skin_tags: SkinTags,
    pub intralesional_injection: FewOrMany,
    pub incision_drainage: IncisionDrainage,
    pub mohs: Mohs,
    pub diagnoses: Diagnoses,
    unit_limits: FxHashMap<String, u32>,
    locators: FxHashMap<String, Locator>,
    /// Procedure types whose removal of a lesion makes its same-day biopsy not reportable.
    pub biopsy_bundled_with: Vec<String>,
    pub exclusive: Vec<ExclusiveCodes>,
}

/// Codes that exclude each other by definition.
#[derive(Clone, Debug)]
pub struct ExclusiveCodes {
    pub codes: Vec<String>,
    pub with: Vec<String>,
}

/// Where a code sits in the tables: which table, class, site group and band. Comparing a
/// billed code's locator with the documented one tells which documented fact differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locator {
    /// The table (excision, shave, repair, premalignant destruction, ...).
    pub table: &'static str,
    /// Within the table: benign/malignant, simple/intermediate/complex, ...
    pub class: &'static str,
    /// Site group, when the table has them.
    pub group: String,
    /// Band or count step, in table order.
    pub band: usize,
}

impl DermFacts {
    pub fn locate(&self, code: &str) -> Option<&Locator> {
        self.locators.get(code)
    }

    fn index_codes(&mut self) {
        let mut map = FxHashMap::default();
        let mut put = |code: &str, table: &'static str, class: &'static str, group: &str, band: usize| {
            map.insert(code.to_string(), Locator { table, class, group: group.to_string(), band });
        };
        for (table, class, g) in [
            ("excision", "benign", &self.excision_benign),
            ("excision", "malignant", &self.excision_malignant),
            ("shave", "", &self.shave),
            ("destruction", "malignant", &self.malignant_destruction),
        ] {
            for (group, codes) in [("TAL", &g.codes.tal), ("SNHFG", &g.codes.snhfg), ("FACE", &g.codes.face)] {
                for (band, code) in codes.iter().enumerate() {
                    put(code, table, class, group, band);
                }
            }
        }
        for (class, tables) in [("simple", &self.simple_repair), ("intermediate", &self.intermediate_repair)] {
            for (group, t) in tables {
                for (band, code) in t.codes.iter().enumerate() {
                    put(code, "repair", class, group, band);
                }
            }
        }
        for (group, g) in &self.complex_repair.groups {
            put(&g.first, "repair", "complex", group, 0);
            put(&g.second, "repair", "complex", group, 1);
            put(&g.add_on, "repair", "complex", group, 2);
        }
        for (t, name) in self.biopsy.iter().zip(["tangential", "punch", "incisional"]) {
            put(&t.primary, "biopsy", "", name, 0);
            put(&t.add_on, "biopsy", "", name, 1);
        }
        let p = &self.premalignant_destruction;
        put(&p.first, "destruction", "premalignant", "", 0);
        put(&p.add_on, "destruction", "premalignant", "", 1);
        put(&p.many, "destruction", "premalignant", "", 2);
        put(&self.benign_destruction.few, "destruction", "benign", "", 0);
        put(&self.benign_destruction.many, "destruction", "benign", "", 1);
        put(&self.skin_tags.first, "skin_tags", "", "", 0);
        put(&self.skin_tags.add_on, "skin_tags", "", "", 1);
        put(&self.intralesional_injection.few, "intralesional_injection", "", "", 0);
        put(&self.intralesional_injection.many, "intralesional_injection", "", "", 1);
        put(&self.incision_drainage.simple, "incision_drainage", "", "", 0);
        put(&self.incision_drainage.complicated, "incision_drainage", "", "", 1);
        for (group, s) in [("head", &self.mohs.head), ("trunk", &self.mohs.trunk)] {
            put(&s.first_stage, "mohs", "", group, 0);
            put(&s.additional_stage, "mohs", "", group, 1);
        }
        put(&self.mohs.additional_block, "mohs", "", "", 2);
        self.locators = map;
    }

    /// The embedded facts, parsed once per process.
    pub fn get() -> Result<&'static DermFacts, String> {
        static FACTS: OnceLock<Result<DermFacts, String>> = OnceLock::new();
        FACTS.get_or_init(DermFacts::parse).as_ref().map_err(Clone::clone)
    }

    pub fn site(&self, site: Site) -> &SiteGroups {
        &self.sites[site as usize]
    }

    /// The most units per encounter a code's definition allows, if it limits them.
    pub fn unit_limit(&self, code: &str) -> Option<u32> {
        self.unit_limits.get(code).copied()
    }

    pub fn technique(&self, t: crate::model::BiopsyTechnique) -> &Technique {
        &self.biopsy[t as usize]
    }

    fn parse() -> Result<DermFacts, String> {
        // Reading records the first problem and goes on with defaults: no early return
        // per field keeps this function small in the wasm.
        let sink = RefCell::new(None);
        let sink = &sink;
        let sites = Json::file("derm-site-groups.json", SITE_GROUPS, sink);
        let sites = sites.at("sites");
        let mut by_site = Vec::with_capacity(Site::ALL.len());
        for site in Site::ALL {
            let g = sites.at(site.word());
            by_site.push(SiteGroups {
                lesion: match g.at("lesion").text().as_str() {
                    "TAL" => LesionGroup::Tal,
                    "SNHFG" => LesionGroup::Snhfg,
                    "FACE" => LesionGroup::Face,
                    other => {
                        g.problem(&format!("unknown lesion group {other:?}"));
                        LesionGroup::Tal
                    }
                },
                simple_repair: g.at("simple_repair").text(),
                intermediate_repair: g.at("intermediate_repair").text(),
                complex_repair: g.at("complex_repair").opt_text(),
                mohs: match g.at("mohs").text().as_str() {
                    "head" => MohsGroup::Head,
                    "trunk" => MohsGroup::Trunk,
                    other => {
                        g.problem(&format!("unknown Mohs group {other:?}"));
                        MohsGroup::Trunk
                    }
                },
            });
        }
        let removal = Json::file("derm-lesion-removal.json", LESION_REMOVAL, sink);
        let repair = Json::file("derm-repair.json", REPAIR, sink);
        let biopsy = Json::file("derm-biopsy.json", BIOPSY, sink);
        let counted = Json::file("derm-counted.json", COUNTED, sink);
        let mohs = Json::file("derm-mohs.json", MOHS, sink);
        let dx = Json::file("derm-diagnoses.json", DIAGNOSES, sink);
        let limits = Json::file("derm-unit-limits.json", UNIT_LIMITS, sink);
        let exclusive = Json::file("derm-exclusive.json", EXCLUSIVE, sink);

        let group_codes = |j: Json<'_>| GroupCodes {
            tal: j.at("TAL").texts(),
            snhfg: j.at("SNHFG").texts(),
            face: j.at("FACE").texts(),
        };
        let banded_groups = |j: Json<'_>, bands_at: Json<'_>, codes: GroupCodes| {
            let bands = bands(j, &bands_at.opt_numbers());
            for list in [&codes.tal, &codes.snhfg, &codes.face] {
                if list.len() != bands.len() {
                    j.problem(&format!("{} codes for {} bands", list.len(), bands.len()));
                }
            }
            BandedGroups { bands, codes }
        };
        let excision = removal.at("excision");
        let shave = removal.at("shave");
        let destruction = removal.at("malignant_destruction");
        let tables = |j: Json<'_>| {
            let mut out = FxHashMap::default();
            for (group, rows) in j.entries() {
                let rows = rows.items();
                let mut ups = Vec::with_capacity(rows.len());
                let mut codes = Vec::with_capacity(rows.len());
                for row in rows {
                    ups.push(row.at("up_to_cm").opt_number());
                    codes.push(row.at("code").text());
                }
                let bands = bands(j, &ups);
                if bands.len() != codes.len() {
                    j.problem(&format!("{group}: {} codes for {} bands", codes.len(), bands.len()));
                }
                out.insert(group.to_string(), BandedCodes { bands, codes });
            }
            out
        };
        let c = repair.at("complex");
        let mut complex_groups = FxHashMap::default();
        for (name, g) in c.at("groups").entries() {
            complex_groups.insert(
                name.to_string(),
                ComplexGroup {
                    first: g.at("first").text(),
                    second: g.at("second").text(),
                    add_on: g.at("add_on").text(),
                },
            );
        }
        let complex_repair = ComplexRepair {
            over: c.at("over_cm").length(),
            first_up_to: c.at("first_up_to_cm").length(),
            second_up_to: c.at("second_up_to_cm").length(),
            add_on_step: c.at("add_on_step_cm").length(),
            groups: complex_groups,
        };
        if complex_repair.add_on_step.is_zero() {
            c.problem("complex.add_on_step_cm must be positive");
        }
        let techniques = biopsy.at("techniques");
        let technique = |name: &str| {
            let t = techniques.at(name);
            Technique {
                primary: t.at("primary").text(),
                add_on: t.at("add_on").text(),
                rank: t.at("rank").count() as u8,
            }
        };
        let few_or_many = |j: Json<'_>| FewOrMany {
            few: j.at("few").text(),
            few_up_to: j.at("few_up_to").count(),
            many: j.at("many").text(),
        };
        let p = counted.at("premalignant_destruction");
        let tags = counted.at("skin_tags");
        let id = counted.at("incision_drainage");
        let stages = |j: Json<'_>| MohsStages {
            first_stage: j.at("first_stage").text(),
            additional_stage: j.at("additional_stage").text(),
        };
        let lcd = dx.at("benign_lesion_lcd");
        let prefixes = |j: Json<'_>| CodePrefixes::new(j.texts());
        let mut unit_limits = FxHashMap::default();
        for (code, n) in limits.at("limits").entries() {
            unit_limits.insert(code.to_string(), n.count());
        }
        let mut exclusive_codes = Vec::new();
        for x in exclusive.at("exclusive").items() {
            exclusive_codes.push(ExclusiveCodes { codes: x.at("codes").texts(), with: x.at("with").texts() });
        }
        if let Some(problem) = sink.borrow_mut().take() {
            return Err(problem);
        }
        let facts = DermFacts {
            sites: by_site,
            excision_benign: banded_groups(excision, excision.at("bands_up_to_cm"), group_codes(excision.at("benign"))),
            excision_malignant: banded_groups(
                excision,
                excision.at("bands_up_to_cm"),
                group_codes(excision.at("malignant")),
            ),
            shave: banded_groups(shave, shave.at("bands_up_to_cm"), group_codes(shave.at("codes"))),
            malignant_destruction: banded_groups(
                destruction,
                destruction.at("bands_up_to_cm"),
                group_codes(destruction.at("codes")),
            ),
            simple_repair: tables(repair.at("simple")),
            intermediate_repair: tables(repair.at("intermediate")),
            complex_repair,
            biopsy: [technique("tangential"), technique("punch"), technique("incisional")],
            premalignant_destruction: PremalignantDestruction {
                first: p.at("first").text(),
                add_on: p.at("add_on").text(),
                add_on_through_lesion: p.at("add_on_through_lesion").count(),
                many: p.at("many").text(),
                many_from: p.at("many_from").count(),
            },
            benign_destruction: few_or_many(counted.at("benign_destruction")),
            skin_tags: SkinTags {
                first: tags.at("first").text(),
                first_up_to: tags.at("first_up_to").count(),
                add_on: tags.at("add_on").text(),
                add_on_step: tags.at("add_on_step").count().max(1),
            },
            intralesional_injection: few_or_many(counted.at("intralesional_injection")),
            incision_drainage: IncisionDrainage {
                simple: id.at("simple").text(),
                complicated: id.at("complicated").text(),
            },
            mohs: Mohs {
                head: stages(mohs.at("head")),
                trunk: stages(mohs.at("trunk")),
                additional_block: mohs.at("additional_block").text(),
                blocks_included_per_stage: mohs.at("blocks_included_per_stage").count(),
            },
            diagnoses: Diagnoses {
                malignant: prefixes(dx.at("malignant")),
                in_situ: prefixes(dx.at("in_situ")),
                premalignant: prefixes(dx.at("premalignant")),
                benign_destruction: prefixes(dx.at("benign_destruction")),
                benign_lesion_lcd: BenignLesionLcd {
                    lesions: prefixes(lcd.at("lesions")),
                    indication_diagnoses: prefixes(lcd.at("indication_diagnoses")),
                    indication_symptom_stems: lcd.at("indication_symptom_stems").texts(),
                    codes: {
                        let mut codes = lcd.at("codes").texts();
                        codes.sort_unstable();
                        codes
                    },
                },
            },
            unit_limits,
            locators: FxHashMap::default(),
            biopsy_bundled_with: biopsy.at("not_reported_with_removal_by").texts(),
            exclusive: exclusive_codes,
        };
        // Every site's repair groups must name a table.
        for (site, g) in Site::ALL.iter().zip(&facts.sites) {
            if !facts.simple_repair.contains_key(&g.simple_repair)
                || !facts.intermediate_repair.contains_key(&g.intermediate_repair)
                || g.complex_repair.as_ref().is_some_and(|c| !facts.complex_repair.groups.contains_key(c))
            {
                return Err(format!("derm-site-groups.json: {} names a repair group with no code table", site.word()));
            }
        }
        let mut facts = facts;
        facts.index_codes();
        Ok(facts)
    }

    /// Every CPT code the tables name (for consistency tests).
    pub fn all_codes(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for g in [&self.excision_benign, &self.excision_malignant, &self.shave, &self.malignant_destruction] {
            for codes in [&g.codes.tal, &g.codes.snhfg, &g.codes.face] {
                out.extend(codes.iter().map(String::as_str));
            }
        }
        for t in self.simple_repair.values().chain(self.intermediate_repair.values()) {
            out.extend(t.codes.iter().map(String::as_str));
        }
        for g in self.complex_repair.groups.values() {
            out.extend([g.first.as_str(), g.second.as_str(), g.add_on.as_str()]);
        }
        for t in &self.biopsy {
            out.extend([t.primary.as_str(), t.add_on.as_str()]);
        }
        let p = &self.premalignant_destruction;
        out.extend([p.first.as_str(), p.add_on.as_str(), p.many.as_str()]);
        for f in [&self.benign_destruction, &self.intralesional_injection] {
            out.extend([f.few.as_str(), f.many.as_str()]);
        }
        out.extend([self.skin_tags.first.as_str(), self.skin_tags.add_on.as_str()]);
        out.extend([self.incision_drainage.simple.as_str(), self.incision_drainage.complicated.as_str()]);
        let m = &self.mohs;
        out.extend([
            m.head.first_stage.as_str(),
            m.head.additional_stage.as_str(),
            m.trunk.first_stage.as_str(),
            m.trunk.additional_stage.as_str(),
            m.additional_block.as_str(),
        ]);
        out
    }
}

fn cm(what: &str, value: f64) -> Result<Length, String> {
    Length::from_cm(value).map_err(|e| format!("{what}: {value} is not a length ({e:?})"))
}

/// Band bounds in ascending order, only the last open-ended; a problem is recorded and
/// a single open band stands in.
fn bands(at: Json<'_>, ups: &[Option<f64>]) -> Bands {
    let mut out = Vec::with_capacity(ups.len());
    for (i, up) in ups.iter().enumerate() {
        let up = match up.map(|v| cm(at.path, v)).transpose() {
            Ok(up) => up,
            Err(e) => {
                at.problem(&e);
                None
            }
        };
        if up.is_none() != (i + 1 == ups.len()) {
            at.problem("only the last band may be open-ended");
        }
        if let (Some(Some(prev)), Some(u)) = (out.last(), up) {
            if u <= *prev {
                at.problem("band bounds must ascend");
            }
        }
        out.push(up);
    }
    if out.is_empty() {
        at.problem("no bands");
        out.push(None);
    }
    Bands(out)
}

static NULL: Value = Value::Null;

/// A place in a facts file. The files are read by walking `serde_json::Value`s by hand
/// (derived deserializers for every table would cost the wasm tens of kilobytes); the
/// first problem goes to `sink` and reading goes on with defaults.
#[derive(Clone, Copy)]
struct Json<'a> {
    value: &'a Value,
    path: &'a str,
    sink: &'a RefCell<Option<String>>,
}

impl<'a> Json<'a> {
    fn file(name: &'static str, text: &str, sink: &'a RefCell<Option<String>>) -> Json<'a> {
        let j = Json { value: &NULL, path: name, sink };
        match serde_json::from_str::<Value>(text) {
            // Parsed once per process (`DermFacts::get`); leaking keeps the walk simple.
            Ok(value) => Json { value: Box::leak(Box::new(value)), ..j },
            Err(e) => {
                j.problem(&e.to_string());
                j
            }
        }
    }

    fn problem(&self, what: &str) {
        let mut sink = self.sink.borrow_mut();
        if sink.is_none() {
            *sink = Some(format!("rules/facts/{}: {what}", self.path));
        }
    }

    fn at(&self, key: &str) -> Json<'a> {
        match self.value.get(key) {
            Some(value) => Json { value, ..*self },
            None => {
                self.problem(&format!("missing {key:?}"));
                Json { value: &NULL, ..*self }
            }
        }
    }

    fn text(&self) -> String {
        self.opt_text().unwrap_or_else(|| {
            self.problem("expected a string");
            String::new()
        })
    }

    fn opt_text(&self) -> Option<String> {
        self.value.as_str().map(str::to_string)
    }

    fn texts(&self) -> Vec<String> {
        self.items().into_iter().map(|j| j.text()).collect()
    }

    fn items(&self) -> Vec<Json<'a>> {
        match self.value.as_array() {
            Some(list) => list.iter().map(|value| Json { value, ..*self }).collect(),
            None => {
                self.problem("expected an array");
                Vec::new()
            }
        }
    }

    fn entries(&self) -> Vec<(&'a str, Json<'a>)> {
        match self.value.as_object() {
            Some(map) => map.iter().map(|(k, value)| (k.as_str(), Json { value, ..*self })).collect(),
            None => {
                self.problem("expected an object");
                Vec::new()
            }
        }
    }

    fn opt_number(&self) -> Option<f64> {
        let n = self.value.as_f64();
        if n.is_none() && !self.value.is_null() {
            self.problem("expected a number");
        }
        n
    }

    fn opt_numbers(&self) -> Vec<Option<f64>> {
        self.items().into_iter().map(|j| j.opt_number()).collect()
    }

    fn length(&self) -> Length {
        match self.opt_number().map(|n| cm(self.path, n)) {
            Some(Ok(l)) => l,
            Some(Err(e)) => {
                self.problem(&e);
                Length::default()
            }
            None => {
                self.problem("expected a length");
                Length::default()
            }
        }
    }

    fn count(&self) -> u32 {
        self.value.as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or_else(|| {
            self.problem("expected a count");
            0
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    fn cm(v: f64) -> Length {
        Length::from_cm(v).unwrap()
    }

    #[test]
    fn facts_load_and_every_code_is_known_to_the_knowledge_base() {
        let facts = DermFacts::get().unwrap();
        let kb = Knowledge::embedded().unwrap();
        for code in facts.all_codes() {
            assert!(kb.code(code).is_some(), "{code} is not in cpt-codes.json");
        }
        let exclusive = facts.exclusive.iter().flat_map(|x| x.codes.iter().chain(&x.with));
        for code in facts.unit_limits.keys().chain(facts.diagnoses.benign_lesion_lcd.codes.iter()).chain(exclusive) {
            assert!(kb.code(code).is_some(), "{code} is not in cpt-codes.json");
        }
    }

    #[test]
    fn bands_are_closed_on_the_right() {
        let f = DermFacts::get().unwrap();
        let b = &f.excision_benign;
        assert_eq!(b.code_for(LesionGroup::Tal, cm(0.5)).0, "11400");
        assert_eq!(b.code_for(LesionGroup::Tal, cm(0.51)).0, "11401");
        assert_eq!(b.code_for(LesionGroup::Tal, cm(1.0)).0, "11401");
        assert_eq!(b.code_for(LesionGroup::Tal, cm(2.6) + cm(0.2) * 2).0, "11403");
        assert_eq!(b.code_for(LesionGroup::Tal, cm(3.01)).0, "11404");
        assert_eq!(b.code_for(LesionGroup::Face, cm(4.01)).0, "11446");
        assert_eq!(f.shave.code_for(LesionGroup::Snhfg, cm(0.8)).0, "11306");
        assert_eq!(f.shave.code_for(LesionGroup::Tal, cm(2.0)).0, "11302");
        assert_eq!(f.shave.code_for(LesionGroup::Tal, cm(2.01)).0, "11303");
        assert_eq!(f.simple_repair["F"].code_for(cm(5.0)).0, "12013");
        assert_eq!(f.simple_repair["A"].code_for(cm(30.01)).0, "12007");
        assert_eq!(f.intermediate_repair["I3"].code_for(cm(4.2)).0, "12052");
        assert_eq!(f.shave.bands.describe(0), "0.5 cm or less");
        assert_eq!(f.shave.bands.describe(2), "over 1.0 up to 2.0 cm");
        assert_eq!(f.shave.bands.describe(3), "over 2.0 cm");
    }

    #[test]
    fn diagnosis_families() {
        let d = &DermFacts::get().unwrap().diagnoses;
        for code in ["C44.519", "c44519", "C43.62", "C4A.9", "C46.0", "C79.2", "C7B.1", "C84.00", "C84.A9", "C86.6"] {
            assert!(d.is_malignant_or_in_situ(code), "{code}");
        }
        for code in ["D03.5", "D04.39"] {
            assert!(d.is_malignant_or_in_situ(code), "{code}");
        }
        // Not cutaneous by their ICD-10-CM titles, benign, or uncertain behaviour.
        for code in ["C84.4", "C86.0", "C85.1", "C46.1", "D48.5", "D49.2", "D22.5", "L57.0", ""] {
            assert!(!d.is_malignant_or_in_situ(code), "{code}");
        }
        assert!(d.premalignant.contains("L57.0") && !d.premalignant.contains("L57.1"));
        let lcd = &d.benign_lesion_lcd;
        assert!(lcd.lesions.contains("L82.1") && !lcd.lesions.contains("L82.0"));
        assert!(lcd.indication_diagnoses.contains("L82.0"));
        assert!(
            lcd.is_indication("Bleeding")
                && lcd.is_indication("recent change")
                && lcd.is_indication("catches on clothing")
        );
        assert!(!lcd.is_indication("cosmetic") && !lcd.is_indication("asymptomatic") && !lcd.is_indication(""));
    }
}
