// Every JSON body a client or Alertmanager sends: the first byte picks the
// reader, the rest is the body, so one corpus covers them all.
#include <slate/formats/json_alertmanager_silence.hpp>
#include <slate/formats/json_alertmanager_webhook.hpp>
#include <slate/formats/json_maintenance.hpp>
#include <slate/formats/json_outage.hpp>
#include <slate/formats/ticket_request.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  namespace formats = slate::formats;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 13) {
  case 0:
    (void)formats::parse_maintenance_request(body);
    break;
  case 1:
    (void)formats::parse_extend_request(body);
    break;
  case 2:
    (void)formats::parse_blackout_request(body);
    break;
  case 3:
    (void)formats::check_empty_request(body);
    break;
  case 4:
    (void)formats::parse_outage_request(body);
    break;
  case 5:
    (void)formats::parse_resolve_request(body);
    break;
  case 6:
    (void)formats::parse_import_request(body);
    break;
  case 7:
    (void)formats::parse_ticket_request(body);
    break;
  case 8:
    (void)formats::parse_ticket_event_request(body);
    break;
  case 9:
    (void)formats::parse_alertmanager_notification(body);
    break;
  case 10:
    (void)formats::parse_silence_id(body);
    break;
  case 11:
    (void)formats::parse_silence_list(body);
    break;
  default:
    (void)formats::parse_silence(body);
    break;
  }
  return 0;
}
