package com.liferay.portlet.dynamicdatamapping.service

/* Stub: the real signature, printing its arguments. */
class DDMStructureLocalServiceUtil {
	static Object deleteStructure(long structureId) { lrstub.StubLog.call('deleteStructure', structureId); null }
}
