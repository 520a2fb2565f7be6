/* Field names of a DDM structure definition: 6.2 XML (`xsd`, the name=""
 * attribute of every <dynamic-element>, nested ones included, options left
 * out) and 7.x JSON (`definition`, fields[].name and nestedFields). Both
 * parsers take untrusted text and never read outside it (fuzzed). */
#ifndef LR_CHECKS_DDMFIELDS_H
#define LR_CHECKS_DDMFIELDS_H
#include <stddef.h>

struct ddm_names {
	char **v;   /* owned strings */
	size_t n, cap;
};
void ddm_names_release(struct ddm_names *n);
void ddm_names_add(struct ddm_names *n, const char *s, size_t len);

/* Append the field names of a 6.2 xsd document. Returns 0, -1 if malformed
 * (names found before the damage are kept). */
int ddm_xml_field_names(const char *xml, size_t len, struct ddm_names *out);
/* Same for a 7.x JSON definition. */
int ddm_json_field_names(const char *json, size_t len, struct ddm_names *out);
/* First name (case-insensitive) that appears twice, or NULL. */
const char *ddm_first_duplicate(const struct ddm_names *n);
#endif
