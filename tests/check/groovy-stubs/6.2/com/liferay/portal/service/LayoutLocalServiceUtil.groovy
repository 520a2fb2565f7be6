package com.liferay.portal.service

/* Stub: the real signature, printing its arguments. */
class LayoutLocalServiceUtil {
	static Object deleteLayout(long plid, com.liferay.portal.service.ServiceContext serviceContext) { lrstub.StubLog.call('deleteLayout', plid, serviceContext); null }
}
