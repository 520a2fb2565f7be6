package com.liferay.portlet.dynamicdatamapping.service

/* Stub: the real signature, printing its arguments. */
class DDMTemplateLocalServiceUtil {
	static Object deleteTemplate(long templateId) { lrstub.StubLog.call('deleteTemplate', templateId); null }
}
