/* Apps: Marketplace rows, the Kaleo definition, custom fields, site
 * calendars, and portlet ids per version. */
#include "world.h"
#include <stdio.h>
#include <string.h>

void gen_calendar(struct world *w, struct site *s, int bookings)
{
	char u[37];
	struct strbuf nm = STRBUF_INIT;
	localized(&nm, "Name", s->name);
	int64_t resId = nid(w);
	uuid(w, u);
	struct otab *t = out_table(w->o, "CalendarResource");
	row(t);
	ss(t, "uuid_", u);
	si(t, "calendarResourceId", resId);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", s->modified - 300 * DAY);
	sd(t, "modifiedDate", s->modified - 300 * DAY);
	si(t, "classNameId", w->cn[CN_GROUP]);
	si(t, "classPK", s->groupId);
	sf(t, "code_", "%lld", (long long)s->groupId);
	ss(t, "name", nm.buf);
	si(t, "active_", 1);
	emit(t);
	s->calendarId = nid(w);
	uuid(w, u);
	t = out_table(w->o, "Calendar");
	row(t);
	ss(t, "uuid_", u);
	si(t, "calendarId", s->calendarId);
	si(t, "groupId", s->groupId);
	si(t, "companyId", s->companyId);
	si(t, "userId", s->creatorUserId);
	sd(t, "createDate", s->modified - 300 * DAY);
	sd(t, "modifiedDate", s->modified - 300 * DAY);
	si(t, "calendarResourceId", resId);
	ss(t, "name", nm.buf);
	ss(t, "timeZoneId", "UTC");
	si(t, "color", 14247526);
	si(t, "defaultCalendar", 1);
	emit(t);
	t = out_table(w->o, "CalendarBooking");
	for (int i = 0; i < bookings; i++) {
		int64_t id = nid(w), start = s->modified + (i + 1) * 7 * DAY;
		uuid(w, u);
		row(t);
		ss(t, "uuid_", u);
		si(t, "calendarBookingId", id);
		si(t, "groupId", s->groupId);
		si(t, "companyId", s->companyId);
		si(t, "userId", s->creatorUserId);
		sd(t, "createDate", s->modified);
		sd(t, "modifiedDate", s->modified);
		si(t, "calendarId", s->calendarId);
		si(t, "calendarResourceId", resId);
		si(t, "parentCalendarBookingId", id);
		ss(t, "vEventUid", u);
		strbuf_reset(&nm);
		localized(&nm, "Title", "Meeting");
		ss(t, "title", nm.buf);
		si(t, "startTime", start * 1000);
		si(t, "endTime", (start + 3600) * 1000);
		emit(t);
	}
	strbuf_release(&nm);
}

void portlet_id(struct world *w, char *buf, size_t n, const char *v62, const char *v7x,
		       int instance)
{
	char inst[16];
	static const char al[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	for (int i = 0; i < 12; i++)
		inst[i] = al[rnd(w, 62)];
	inst[12] = '\0';
	snprintf(buf, n, instance ? "%s_INSTANCE_%s" : "%s", w->v7 ? v7x : v62, inst);
}

/* Apps installed once per portal: Marketplace rows, the Kaleo definition,
 * the custom field (Expando) table of web content. */
void gen_apps(struct world *w)
{
	struct company *c = &w->c[0];
	int64_t when = c->created + 10 * DAY;
	static const struct { const char *title, *ctx62, *bsn; int64_t remote; } apps[] = {
		{ "Kaleo Workflow", "kaleo-web", "com.liferay.portal.workflow.kaleo.service", 15225013 },
		{ "Calendar", "calendar-portlet", "com.liferay.calendar.service", 15304014 },
		{ "Notifications", "notifications-portlet", "com.liferay.notifications.web", 15287009 },
	};
	struct otab *ta = out_table(w->o, "Marketplace_App"), *tm = out_table(w->o, "Marketplace_Module");
	for (size_t i = 0; i < sizeof apps / sizeof *apps; i++) {
		char u[37];
		int64_t appId = nid(w);
		uuid(w, u);
		row(ta);
		ss(ta, "uuid_", u);
		si(ta, "appId", appId);
		si(ta, "companyId", c->id);
		si(ta, "userId", c->adminUserId);
		sd(ta, "createDate", when);
		sd(ta, "modifiedDate", when);
		si(ta, "remoteAppId", apps[i].remote);
		ss(ta, "title", apps[i].title);
		ss(ta, "category", "Productivity");
		ss(ta, "version", w->v7 ? "2.0.0" : "6.2.0.1");
		emit(ta);
		uuid(w, u);
		row(tm);
		ss(tm, "uuid_", u);
		si(tm, "moduleId", nid(w));
		si(tm, "appId", appId);
		ss(tm, "bundleSymbolicName", w->v7 ? apps[i].bsn : "");
		ss(tm, "bundleVersion", w->v7 ? "2.0.0" : "");
		ss(tm, "contextName", w->v7 ? "" : apps[i].ctx62);
		emit(tm);
	}

	w->kaleoDefinitionId = nid(w);
	struct otab *t = out_table(w->o, "KaleoDefinition");
	row(t);
	si(t, "kaleoDefinitionId", w->kaleoDefinitionId);
	si(t, "groupId", 0);
	si(t, "companyId", c->id);
	si(t, "userId", c->adminUserId);
	sd(t, "createDate", when);
	sd(t, "modifiedDate", when);
	ss(t, "name", "Single Approver");
	ss(t, "title", "<?xml version='1.0' encoding='UTF-8'?><root available-locales=\"en_US\" default-locale=\"en_US\"><Title language-id=\"en_US\">Single Approver</Title></root>");
	ss(t, "content", "<?xml version=\"1.0\"?>\n<workflow-definition><name>Single Approver</name><version>1</version></workflow-definition>");
	si(t, "version", 1);
	si(t, "active_", 1);
	emit(t);

	w->expandoTableId = nid(w);
	t = out_table(w->o, "ExpandoTable");
	row(t);
	si(t, "tableId", w->expandoTableId);
	si(t, "companyId", c->id);
	si(t, "classNameId", w->cn[CN_JOURNALARTICLE]);
	ss(t, "name", "CUSTOM_FIELDS");
	emit(t);
	w->expandoColumnId = nid(w);
	t = out_table(w->o, "ExpandoColumn");
	row(t);
	si(t, "columnId", w->expandoColumnId);
	si(t, "companyId", c->id);
	si(t, "tableId", w->expandoTableId);
	ss(t, "name", "source");
	si(t, "type_", 15);
	ss(t, "defaultData", "");
	ss(t, "typeSettings", "");
	emit(t);
}
