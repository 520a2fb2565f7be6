package com.liferay.portal.service

class ServiceContext {
}
