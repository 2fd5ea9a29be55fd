/* Report form: what an academic event's claimed category still lacks, counted as `check` counts
 * (validators/rules/academic_events.py, `unmet_criteria`): a region is one place whatever its
 * name, a country one country whatever its spelling. The numbers and words are the year's, from
 * guide-<year>.json; tests/test_form_criteria.py runs this file under Node against the Python
 * rules on generated events and requires the same verdicts.
 *
 * Works in a browser (window.ReportForm) and under Node (module.exports), with no DOM. */
(function (global) {
  "use strict";
  var RF = (global.ReportForm = global.ReportForm || {});

  function trimmed(value) {
    return typeof value === "string" ? value.trim() : "";
  }
  RF.trimmed = trimmed;  // form-check.js reads a role as the criteria do

  /* The year's category an event claims (by code, label or alias), or null. */
  RF.eventCategory = function (guide, written) {
    var name = trimmed(written);
    return (guide.events || []).filter(function (c) {
      return c.names.indexOf(name) !== -1;
    })[0] || null;
  };

  /* Python's `country_key`: case, width and spacing do not tell two names apart. */
  RF.countryKey = function (name) {
    return String(name).normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  };

  /* The distinct regions an event counts toward 5.2 (not the home province, not a region the
   * year does not count), each once, by its short name. */
  RF.countedRegions = function (event, guide) {
    var regions = guide.regions || {};
    var home = regions[trimmed(guide.home_province)];
    var seen = {};
    var counted = [];
    (Array.isArray(event.speaker_provinces) ? event.speaker_provinces : []).forEach(function (name) {
      var region = typeof name === "string" ? regions[name.trim()] : null;
      if (!region || seen[region[0]]) return;
      seen[region[0]] = true;
      if (home && region[0] === home[0]) return;
      if (region[1]) counted.push(region[0]);
    });
    return counted;
  };

  /* The distinct countries or regions an event names (5.3), by ISO code. */
  RF.countedCountries = function (event, guide, labels) {
    var own = guide.country_aliases || {};
    var table = (labels && labels.country_codes) || {};
    var codes = [];
    (Array.isArray(event.countries) ? event.countries : []).forEach(function (name) {
      if (typeof name !== "string") return;
      var key = RF.countryKey(name);
      var code = own[key] || table[key];
      if (code && codes.indexOf(code) === -1) codes.push(code);
    });
    return codes;
  };

  /* What the form says of a name that holds one of area 七's major events (7.5), no occasion
   * of 5.4 (`Guideline.major_event`: compared by RF.countryKey), or null. */
  RF.majorEvent = function (guide, written) {
    var key = typeof written === "string" ? RF.countryKey(written) : "";
    if (!key) return null;
    var found = (guide.major_events || []).filter(function (pair) {
      return pair[0] && key.indexOf(pair[0]) !== -1;
    })[0];
    return found ? found[1] : null;
  };

  function number(value) {
    return typeof value === "number" && isFinite(value) ? value : 0;
  }

  /* [{code, prop, need, now, n?, dropped?, unknown?}] for each criterion of the claimed category the
   * event does not meet (n: the number it has of what is counted; dropped: regions were listed that
   * did not count); empty for a category the year does not have (that is an error of its own). */
  RF.eventUnmet = function (event, guide, labels) {
    var category = RF.eventCategory(guide, event.category);
    if (!category) return [];
    var c = category.criteria;
    var needs = category.needs || {};
    var out = [];
    var lack = function (code, prop, now, need, n) {
      out.push({ code: code, prop: prop, need: need || needs[prop] || "", now: now, n: n });
    };
    if (Array.isArray(c.roles)) {
      var roles = guide.roles || {};
      var role = roles[trimmed(event.role)];
      var allowed = c.roles.map(function (r) { return roles[r]; });
      if (allowed.indexOf(role) === -1) lack("E-CRITERIA-ROLE", "role", trimmed(event.role) || "未填写");
    }
    if (c.main_forum && event.main_forum !== true) lack("E-CRITERIA-MAIN-FORUM", "main_forum", "否");
    if (c.min_sub_forums && number(event.sub_forums) < c.min_sub_forums) {
      lack("E-CRITERIA-SUB-FORUM", "sub_forums", number(event.sub_forums) + " 个", null, number(event.sub_forums));
    }
    if (c.materials && event.materials !== true) lack("E-CRITERIA-MATERIALS", "materials", "否");
    if (c.min_participants && number(event.participants) < c.min_participants) {
      lack("E-THRESHOLD-PARTICIPANTS", "participants",
        typeof event.participants === "number" ? event.participants + " 人" : "未填写", null, number(event.participants));
    }
    if (c.min_provinces) {
      var regions = RF.countedRegions(event, guide);
      if (regions.length < c.min_provinces) {
        lack("E-THRESHOLD-PROVINCES", "speaker_provinces",
          regions.length + " 个（" + guide.home_province + "和不计入的地区除外，同一地区只计一次）", null, regions.length);
        var listed = Array.isArray(event.speaker_provinces) ? event.speaker_provinces.length : 0;
        out[out.length - 1].dropped = listed > regions.length;
      }
    }
    if (c.min_countries) {
      var codes = RF.countedCountries(event, guide, labels);
      if (codes.length < c.min_countries) {
        lack("E-THRESHOLD-COUNTRIES", "countries", codes.length + " 个（同一国家或地区只计一次）", null, codes.length);
      }
    }
    var major = null;
    if (c.occasion) {
      ["occasion", "occasion_name"].some(function (f) {
        var words = RF.majorEvent(guide, event[f]);
        if (words) major = { prop: f, words: words };
        return !!words;
      });
    }
    if (major) {
      lack("E-CRITERIA-OCCASION", major.prop, "“" + trimmed(event[major.prop]) + "”", major.words);
    } else if (c.occasion) {
      var occasion = (guide.occasions || {})[trimmed(event.occasion)];
      if (!occasion) {
        lack("E-CRITERIA-OCCASION", "occasion", trimmed(event.occasion) || "未填写");
        out[out.length - 1].unknown = true; // no occasion the year names: the check lists them
      } else if (occasion === guide.open_occasion) {
        var fields = (labels || {}).fields || {};
        var missing = ["occasion_name", "occasion_organizer"].filter(function (f) {
          return !trimmed(event[f]);
        });
        if (missing.length) {
          lack("E-CRITERIA-OCCASION", "occasion", "缺" + missing.map(function (f) {
            return fields["AcademicEvent." + f] || f;
          }).join("、"));
        }
      }
    }
    return out;
  };

  /* The fields an event's form shows for a category: those its criteria ask about. */
  RF.criteriaFields = function (guide, written) {
    var category = RF.eventCategory(guide, written);
    var c = category ? category.criteria : {};
    var fields = [];
    if (c.main_forum) fields.push("main_forum");
    if (c.min_sub_forums) fields.push("sub_forums");
    if (c.materials) fields.push("materials");
    if (c.min_provinces) fields.push("speaker_provinces");
    if (c.min_countries) fields.push("countries");
    if (c.occasion) fields.push("occasion", "occasion_name", "occasion_organizer");
    return fields;
  };

  if (typeof module === "object" && module.exports) module.exports = RF;
})(typeof window !== "undefined" ? window : globalThis);
