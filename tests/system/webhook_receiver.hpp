#pragma once

// A webhook subscriber on loopback for the system tests: it records every
// request slated sends, answers with the status the test chooses, can hold
// requests unanswered (to catch the daemon with a delivery in flight), and
// lets a test wait for the n-th request instead of sleeping.

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace slate::test {

// One request the receiver got.
struct WebhookRequest {
  std::string event_id;  // X-Slated-Event-Id
  std::string event;     // X-Slated-Event
  std::string attempt;   // X-Slated-Delivery-Attempt
  std::string signature; // X-Slated-Signature, "" if none
  std::string content_type;
  std::string body;
  int answered = 0;          // the status the receiver answered with
  std::string authorization; // the Authorization header, "" if none
  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

// Return "sha256=" and the hex HMAC-SHA256 of `body` under `key`, as slated
// signs (computed here independently of slated's code).
inline std::string expected_signature(const std::string& key, const std::string& body) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out = "sha256=";
  for (unsigned int i = 0; i < length; ++i) {
    out += k_digits[digest[i] >> 4];
    out += k_digits[digest[i] & 0x0f];
  }
  return out;
}

class WebhookReceiver {
public:
  WebhookReceiver() {
    m_server.Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      std::unique_lock lock(m_mutex);
      WebhookRequest got{request.get_header_value("X-Slated-Event-Id"),
                         request.get_header_value("X-Slated-Event"),
                         request.get_header_value("X-Slated-Delivery-Attempt"),
                         request.get_header_value("X-Slated-Signature"),
                         request.get_header_value("Content-Type"),
                         request.body,
                         0,
                         request.get_header_value("Authorization")};
      ++m_arrived;
      m_changed.notify_all();
      m_changed.wait(lock, [this] { return !m_holding || m_closing; });
      int status = 200;
      if (!m_answers.empty()) {
        status = m_answers.front();
        m_answers.erase(m_answers.begin());
      } else {
        status = m_default_status;
      }
      got.answered = status;
      m_requests.push_back(got);
      m_changed.notify_all();
      response.status = status;
      if (m_trickling) {
        // Never done: a byte every 100 ms (pacing, not synchronisation),
        // so no read timeout of the sender ever fires.
        response.set_chunked_content_provider(
            "application/json", [this](std::size_t, httplib::DataSink& sink) {
              std::this_thread::sleep_for(std::chrono::milliseconds{100});
              return !trickle_ended() && sink.write(" ", 1);
            });
        return;
      }
      response.set_content("{}", "application/json");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    if (m_port <= 0) {
      throw std::runtime_error("the webhook receiver cannot bind");
    }
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
  }

  ~WebhookReceiver() {
    {
      std::lock_guard lock(m_mutex);
      m_closing = true;
      m_changed.notify_all();
    }
    m_server.stop();
    m_thread.join();
  }

  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/hook"; }

  // Answer `status` to every request from now on.
  void answer(int status) {
    std::lock_guard lock(m_mutex);
    m_default_status = status;
    m_answers.clear();
  }
  // Answer the next requests with `statuses`, in order, then as answer() said.
  void answer_next(std::vector<int> statuses) {
    std::lock_guard lock(m_mutex);
    m_answers = std::move(statuses);
  }
  // Answer with a body that never ends, a byte at a time, as a stuck proxy
  // might; until trickle(false).
  void trickle(bool on) {
    std::lock_guard lock(m_mutex);
    m_trickling = on;
  }
  // Keep requests waiting, unanswered, until release().
  void hold() {
    std::lock_guard lock(m_mutex);
    m_holding = true;
  }
  void release() {
    std::lock_guard lock(m_mutex);
    m_holding = false;
    m_changed.notify_all();
  }

  // Wait until `count` requests have arrived (answered or held); throws if
  // they do not come within `timeout`.
  void wait_for_arrivals(std::size_t count,
                         std::chrono::seconds timeout = std::chrono::seconds{30}) {
    std::unique_lock lock(m_mutex);
    if (!m_changed.wait_for(lock, timeout, [&] { return m_arrived >= count; })) {
      throw std::runtime_error("the webhook receiver got " + std::to_string(m_arrived) +
                               " requests, not " + std::to_string(count) + ", in time");
    }
  }

  // Return the answered requests once there are at least `count`.
  std::vector<WebhookRequest> wait_for(std::size_t count,
                                       std::chrono::seconds timeout = std::chrono::seconds{30}) {
    std::unique_lock lock(m_mutex);
    if (!m_changed.wait_for(lock, timeout, [&] { return m_requests.size() >= count; })) {
      throw std::runtime_error("the webhook receiver answered " +
                               std::to_string(m_requests.size()) + " requests, not " +
                               std::to_string(count) + ", in time; event ids: " + ids());
    }
    return m_requests;
  }

  // Return the event ids acknowledged with a 2xx once they include every one
  // of `expected`.
  std::set<std::string> wait_for_delivered(const std::set<std::string>& expected,
                                           std::chrono::seconds timeout = std::chrono::seconds{
                                               30}) {
    std::unique_lock lock(m_mutex);
    std::set<std::string> delivered;
    const auto done = [&] {
      delivered.clear();
      for (const auto& request : m_requests) {
        if (request.answered / 100 == 2) {
          delivered.insert(request.event_id);
        }
      }
      for (const auto& id : expected) {
        if (delivered.count(id) == 0) {
          return false;
        }
      }
      return true;
    };
    if (!m_changed.wait_for(lock, timeout, done)) {
      throw std::runtime_error("the webhook receiver did not get every expected event in time; "
                               "it got: " +
                               ids());
    }
    return delivered;
  }

  std::vector<WebhookRequest> requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }

private:
  // With m_mutex held.
  std::string ids() const {
    std::string out;
    for (const auto& request : m_requests) {
      out += (out.empty() ? "" : ", ") + request.event_id + " (" +
             std::to_string(request.answered) + ")";
    }
    return out;
  }

  httplib::Server m_server;
  int m_port = 0;
  std::thread m_thread;
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<WebhookRequest> m_requests;
  std::size_t m_arrived = 0;
  std::vector<int> m_answers;
  int m_default_status = 200;
  bool trickle_ended() {
    std::lock_guard lock(m_mutex);
    return m_closing || !m_trickling;
  }

  bool m_holding = false;
  bool m_trickling = false;
  bool m_closing = false;
};

} // namespace slate::test
