#pragma once

#include <slate/domain/observed_silence.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/silence_plan.hpp>
#include <slate/formats/json_text.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// Return the body of Alertmanager's POST /api/v2/silences for `silence`:
// {"matchers": [{"name", "value", "isRegex", "isEqual"}], "startsAt",
// "endsAt", "createdBy": "slated", "comment"}, times in UTC.
//
// Given `current`, the silence Alertmanager holds for it, the body updates
// that one: it carries its "id" and, once it has started (not pending),
// its startsAt exactly as Alertmanager wrote it, because Alertmanager
// 0.25 keeps the id only if a started silence's start is unchanged (and a
// start in the past was moved to the moment of creation). Without
// `current` the body creates a new silence.
std::string silence_post_body(const domain::DesiredSilence& silence,
                              const domain::ObservedSilence* current = nullptr);

// Return the silence id of the answer to POST /api/v2/silences,
// {"silenceID": "..."}, or a problem (code "malformed_json" or
// "invalid_field") saying what the answer holds instead.
domain::Result<std::string> parse_silence_id(std::string_view body);

// Return the silences of the answer to GET /api/v2/silences (a JSON list),
// or every problem with it, each naming the member: "[3].endsAt". Unknown
// members are ignored (Alertmanager adds some over versions); matchers are
// taken as they are, even regexes slated could not check, since operators'
// silences are listed too.
domain::Result<std::vector<domain::ObservedSilence>> parse_silence_list(std::string_view body);

// Return the silence of the answer to GET /api/v2/silence/{id}, as
// parse_silence_list reads each item.
domain::Result<domain::ObservedSilence> parse_silence(std::string_view body);

} // namespace slate::formats
