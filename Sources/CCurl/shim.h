#ifndef POTEMKIN_CCURL_SHIM_H
#define POTEMKIN_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt, curl_easy_getinfo, curl_multi_setopt and curl_share_setopt
// are variadic, so Swift cannot call them: these typed wrappers can.

static inline CURLcode potemkin_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode potemkin_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode potemkin_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode potemkin_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode potemkin_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode potemkin_curl_easy_setopt_write_callback(CURL *handle, CURLoption option, curl_write_callback callback) {
  return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode potemkin_curl_easy_setopt_read_callback(CURL *handle, CURLoption option, curl_read_callback callback) {
  return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode potemkin_curl_easy_setopt_xferinfo_callback(CURL *handle, CURLoption option, curl_xferinfo_callback callback) {
  return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode potemkin_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode potemkin_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
  return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode potemkin_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
  return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode potemkin_curl_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
  return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode potemkin_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
  return curl_multi_setopt(handle, option, value);
}

static inline CURLSHcode potemkin_curl_share_setopt_long(CURLSH *handle, CURLSHoption option, long value) {
  return curl_share_setopt(handle, option, value);
}

// CURL_GLOBAL_DEFAULT is a composite macro Swift does not import.
static inline CURLcode potemkin_curl_global_init_default(void) {
  return curl_global_init(CURL_GLOBAL_DEFAULT);
}

// CURLMsg.data is an anonymous union; this reads the result of a finished transfer.
static inline CURLcode potemkin_curl_msg_result(const CURLMsg *message) {
  return message->data.result;
}

// CURLVERSION_NOW is a macro alias Swift does not import.
static inline curl_version_info_data *potemkin_curl_version_info(void) {
  return curl_version_info(CURLVERSION_NOW);
}

#endif
