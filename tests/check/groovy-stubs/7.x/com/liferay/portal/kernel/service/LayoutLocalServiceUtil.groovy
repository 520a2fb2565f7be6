package com.liferay.portal.kernel.service

/* Stub: the real signature, printing its arguments. */
class LayoutLocalServiceUtil {
	static Object deleteLayout(long plid, com.liferay.portal.kernel.service.ServiceContext serviceContext) { lrstub.StubLog.call('deleteLayout', plid, serviceContext); null }
}
